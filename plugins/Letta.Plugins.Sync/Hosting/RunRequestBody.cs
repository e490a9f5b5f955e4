using System.Text.Json;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>The body of <c>POST run</c>: <c>{"category": "memories", "dryRun": true, "force": false}</c> (all optional).</summary>
internal sealed record RunRequestBody(string? Category, bool DryRun, bool Force)
{
    /// <summary>Parses the body; accepts the CLI's <c>dry-run</c> spelling too. Returns an error naming the field.</summary>
    public static async Task<(RunRequestBody? Body, string? Field, string? Error)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return (new RunRequestBody(null, false, false), null, null);
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(buffer.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "body", "The body must be a JSON object.");
            }

            string? category = null;
            bool dry = false, force = false;
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                switch (p.Name.ToLowerInvariant())
                {
                    case "category" when p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                        category = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString();
                        break;
                    case "dryrun" or "dry-run" or "dry_run" when p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                        dry = p.Value.GetBoolean();
                        break;
                    case "force" when p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                        force = p.Value.GetBoolean();
                        break;
                    case "category":
                        return (null, "category", "'category' must be a string.");
                    case "dryrun" or "dry-run" or "dry_run" or "force":
                        return (null, p.Name, $"'{p.Name}' must be true or false.");
                }
            }

            return (new RunRequestBody(string.IsNullOrWhiteSpace(category) ? null : category, dry, force), null, null);
        }
        catch (JsonException e)
        {
            return (null, "body", "Invalid JSON: " + e.Message);
        }
    }
}
