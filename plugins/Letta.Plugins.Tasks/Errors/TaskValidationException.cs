namespace Letta.Plugins.Tasks;

/// <summary>Bad input, with the errors keyed by field name (→ 400 validation problem).</summary>
internal sealed class TaskValidationException(IDictionary<string, string[]> errors)
    : Exception("Invalid task input: " + string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value))))
{
    public TaskValidationException(string field, string error)
        : this(new Dictionary<string, string[]> { [field] = [error] })
    {
    }

    public IDictionary<string, string[]> Errors { get; } = errors;
}
