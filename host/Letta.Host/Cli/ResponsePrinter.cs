using System.Text.Json;
using System.Text.Json.Nodes;

namespace Letta.Host.Cli;

/// <summary>Prints a server response: JSON indented, text as is, problems as one readable line on stderr.</summary>
internal static class ResponsePrinter
{
    // Relaxed escaping: this prints to a terminal, not into HTML, so "->" must not come out as "-\u003E".
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> PrintAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"letta: {(int)response.StatusCode} {DescribeProblem(body, response.ReasonPhrase)}").ConfigureAwait(false);
            return 1;
        }

        if (mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) && !mediaType.Contains("ndjson", StringComparison.OrdinalIgnoreCase))
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine(body.Length == 0 ? string.Empty : JsonNode.Parse(body)?.ToJsonString(Indented));
            return 0;
        }

        if (response.Headers.Contains(ExitLineHeader))
        {
            return await PrintLinesWithExitAsync(response, cancellationToken).ConfigureAwait(false);
        }

        // Text and streams (e.g. an NDJSON export) go to stdout unbuffered, whatever their size.
        await using Stream stdout = Console.OpenStandardOutput();
        await using Stream content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] buffer = new byte[81920];
        byte last = (byte)'\n';
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await stdout.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            last = buffer[read - 1];
        }

        if (last != (byte)'\n')
        {
            // Keep the shell prompt on its own line after a short text answer.
            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// A streamed text answer (progress lines) whose outcome is known only at its end says so with this header; its
    /// last line is then <c>letta-exit: N</c>, which is not printed but becomes the exit code (a failed run, a gate).
    /// </summary>
    public const string ExitLineHeader = "Letta-Exit-Line";

    private const string ExitLinePrefix = "letta-exit: ";

    private static async Task<int> PrintLinesWithExitAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        int exit = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is string line)
        {
            if (line.StartsWith(ExitLinePrefix, StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(ExitLinePrefix.Length), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int code))
            {
                exit = code;
                continue;
            }

            Console.WriteLine(line);
        }

        return exit;
    }

    public static string DescribeProblem(string body, string? fallback)
    {
        try
        {
            JsonNode? node = JsonNode.Parse(body);
            string? title = node?["title"]?.GetValue<string>();
            string? detail = node?["detail"]?.GetValue<string>();
            string errors = node?["errors"] is JsonObject fields
                ? " " + string.Join("; ", fields.Select(f => $"{f.Key}: {string.Join(", ", f.Value!.AsArray().Select(v => v!.ToString()))}"))
                : string.Empty;
            return $"{title}{(detail is null ? string.Empty : ": " + detail)}{errors}".Trim();
        }
        catch (JsonException)
        {
            return string.IsNullOrWhiteSpace(body) ? fallback ?? "error" : body.Trim();
        }
    }
}
