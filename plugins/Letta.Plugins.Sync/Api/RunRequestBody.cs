using System.Text.Json;
using Letta.Plugins.Sync.Engine;
using Microsoft.AspNetCore.Http;

namespace Letta.Plugins.Sync.Api;

/// <summary>
/// The body of <c>POST run</c>: <c>{"category": "memories", "dryRun": true, "force": false, "revert": false,
/// "override": false, "fullPlan": false}</c> (all optional).
/// </summary>
internal sealed record RunRequestBody(string? Category, bool DryRun, bool Force, bool Revert = false, bool Override = false, bool FullPlan = false)
{
    /// <summary>A run request is a few flags: anything larger is refused before it is read whole.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Parses the body; accepts the CLI's <c>dry-run</c> spelling too. Returns a problem naming the field.</summary>
    public static async Task<(RunRequestBody? Body, IResult? Problem)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, SyncProblems.TooLarge("body", MaxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (new RunRequestBody(null, false, false), null);
        }

        (RunRequestBody? parsed, string? field, string? error) = Parse(buffer.ToArray());
        return parsed is null ? (null, SyncProblems.Invalid(field!, error!)) : (parsed, null);
    }

    /// <summary>The engine request this body asks for.</summary>
    public SyncRunRequest ToRequest(Action<string>? progress) =>
        new(DryRun, Force) { Progress = progress, Revert = Revert, Override = Override };

    private static (RunRequestBody? Body, string? Field, string? Error) Parse(byte[] json)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "body", "The body must be a JSON object.");
            }

            string? category = null;
            bool dry = false, force = false, revert = false, @override = false, fullPlan = false;
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
                    case "fullplan" or "full-plan" when isBool:
                        fullPlan = p.Value.GetBoolean();
                        break;
                    case "category":
                        return (null, "category", "'category' must be a string.");
                    case "dryrun" or "dry-run" or "dry_run" or "force" or "revert" or "override" or "fullplan" or "full-plan":
                        return (null, p.Name, $"'{p.Name}' must be true or false.");
                }
            }

            return (new RunRequestBody(string.IsNullOrWhiteSpace(category) ? null : category, dry, force, revert, @override, fullPlan), null, null);
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
