using System.Text.Json;
using Letta.Plugins.Sync.Engine;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>
/// The body of <c>POST run</c>: <c>{"category": "memories", "dryRun": true, "force": false, "revert": false,
/// "override": false}</c> (all optional).
/// </summary>
internal sealed record RunRequestBody(string? Category, bool DryRun, bool Force, bool Revert = false, bool Override = false)
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
            bool dry = false, force = false, revert = false, @override = false;
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                bool isBool = p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False;
                switch (p.Name.ToLowerInvariant())
                {
                    case "category" when p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                        category = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString();
                        break;
                    case "dryrun" or "dry-run" or "dry_run" when isBool:
                        dry = p.Value.GetBoolean();
                        break;
                    case "force" when isBool:
                        force = p.Value.GetBoolean();
                        break;
                    case "revert" when isBool:
                        revert = p.Value.GetBoolean();
                        break;
                    case "override" when isBool:
                        @override = p.Value.GetBoolean();
                        break;
                    case "category":
                        return (null, "category", "'category' must be a string.");
                    case "dryrun" or "dry-run" or "dry_run" or "force" or "revert" or "override":
                        return (null, p.Name, $"'{p.Name}' must be true or false.");
                }
            }

            return (new RunRequestBody(string.IsNullOrWhiteSpace(category) ? null : category, dry, force, revert, @override), null, null);
        }
        catch (JsonException e)
        {
            return (null, "body", "Invalid JSON: " + e.Message);
        }
    }

    /// <summary>
    /// <c>revert</c> and <c>override</c> resolve one one-way category's divergence, so each needs a category of the
    /// matching direction: never applied to "all categories", never silently ignored. Returns the field and error.
    /// </summary>
    public (string? Field, string? Error) CheckDirection(IReadOnlyDictionary<string, SyncCategory> categories)
    {
        if (!Revert && !Override)
        {
            return (null, null);
        }

        string field = Revert ? "revert" : "override";
        if (Category is null || !categories.TryGetValue(Category, out SyncCategory? c))
        {
            return (field, $"'{field}' applies to one {(Revert ? "receive-only" : "send-only")} category: give 'category' too.");
        }

        return new SyncRunRequest { Revert = Revert, Override = Override }.DirectionError(Category, c.Direction);
    }
}
