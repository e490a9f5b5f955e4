using System.Security.Cryptography;

namespace Letta.Plugins.Tasks.Board;

/// <summary>Limits on task fields, shared by the request parser and the board.</summary>
internal static class TaskRules
{
    public const int MaxTitle = 500;
    public const int MaxDescription = 100_000;
    public const int MaxTags = 32;
    public const int MaxTag = 64;
    public const int MaxRefKey = 64;
    public const int MaxRefValue = 256;

    private const string IdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>A new task id: 12 Crockford base-32 characters (60 random bits).</summary>
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[12];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = IdAlphabet[bytes[i] & 31];
        }

        return new string(chars);
    }

    public static string CheckTitle(string? title)
    {
        string t = (title ?? "").Trim();
        if (t.Length == 0)
        {
            throw new TaskValidationException("title", "must not be empty");
        }

        if (t.Length > MaxTitle)
        {
            throw new TaskValidationException("title", $"must be at most {MaxTitle} characters");
        }

        return t;
    }

    public static IReadOnlyList<string> CheckTags(IEnumerable<string?> tags)
    {
        var result = new List<string>();
        foreach (string? raw in tags)
        {
            string tag = (raw ?? "").Trim();
            if (tag.Length == 0 || tag.Length > MaxTag)
            {
                throw new TaskValidationException("tags", $"each tag must be 1 to {MaxTag} characters");
            }

            if (!result.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(tag);
            }
        }

        if (result.Count > MaxTags)
        {
            throw new TaskValidationException("tags", $"at most {MaxTags} tags");
        }

        return result;
    }
}
