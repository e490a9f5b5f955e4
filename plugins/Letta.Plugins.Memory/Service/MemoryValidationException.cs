namespace Letta.Plugins.Memory.Service;

/// <summary>Bad input; <see cref="Errors"/> maps each offending field to its messages (rendered as a 400 problem).</summary>
internal sealed class MemoryValidationException : ArgumentException
{
    public MemoryValidationException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public MemoryValidationException(string message)
        : this(new Dictionary<string, string[]> { ["request"] = [message] })
    {
    }

    public MemoryValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]> { ["request"] = [message] };
    }

    public MemoryValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public MemoryValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Field name → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Count == 0 ? "Invalid input." : string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
