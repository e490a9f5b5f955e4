using Letta.Plugins.Sync.Hosting;
using Microsoft.AspNetCore.Http;

namespace Letta.Plugins.Sync.Api;

/// <summary>The sync API's one mapping from a failure to problem details: a field to fix (400), too large (413), unknown (404), conflict (409).</summary>
internal static class SyncProblems
{
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult TooLarge(string field, int limit) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
            detail: $"'{field}' is larger than {limit} bytes.");

    public static IResult NotFound(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    public static IResult Conflict(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    /// <summary>Null when <paramref name="category"/> is absent or known; else a 400 naming <c>category</c>.</summary>
    public static IResult? CheckCategory(SyncService sync, string? category)
    {
        if (category is null)
        {
            return null;
        }

        if (!IsValidText(category))
        {
            return Invalid("category", "'category' holds characters that are not valid text (a lone surrogate or a control character).");
        }

        return sync.Categories.Contains(category)
            ? null
            : Invalid("category", $"Unknown category '{category}'. Known: {string.Join(", ", sync.Categories)}.");
    }

    /// <summary>Whether the text is well-formed UTF-16 without control characters (safe to echo in a message).</summary>
    public static bool IsValidText(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]) || char.IsControl(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
