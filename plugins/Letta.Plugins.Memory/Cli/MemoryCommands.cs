using Letta.Cli;

namespace Letta.Plugins.Memory.Cli;

/// <summary>The <c>letta memory …</c> verbs; each is one call to an endpoint of <see cref="Api.MemoryApi"/>.</summary>
internal static class MemoryCommands
{
    private static readonly CliOption[] Filters =
    [
        new("tag", "Only memories with this tag (repeat for several).") { AllowMultiple = true },
        new("tagMode", "'any' (default) or 'all' of the given tags."),
        new("metadata", "A JSON object the metadata must contain, e.g. '{\"project\":\"letta\"}'."),
        new("source", "Only memories from this source."),
        new("createdAfter", "Created at or after this ISO 8601 time."),
        new("createdBefore", "Created before this ISO 8601 time."),
        new("updatedAfter", "Updated at or after this ISO 8601 time."),
        new("updatedBefore", "Updated before this ISO 8601 time."),
        new("limit", "Page size (default 50).", CliValueKind.Integer),
        new("cursor", "The nextCursor of the previous page."),
    ];

    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("add", "Store a memory.", "POST", "memories")
        {
            Arguments = [new CliArgument("content", "The text to remember.")],
            Options =
            [
                new("title", "A title (default: the first line of the content)."),
                new("tags", "A tag (repeat for several).") { AllowMultiple = true },
                new("metadata", "A JSON object of free-form metadata.", CliValueKind.Json),
                new("source", "Where it came from, e.g. a tool or device name."),
            ],
        },
        new("get", "Show one memory.", "GET", "memories/{id}") { Arguments = [new CliArgument("id", "The memory id.")] },
        new("list", "List memories, newest first.", "GET", "memories") { Options = Filters },
        new("search", "Full-text search: words, \"phrases\", OR, -exclude; prefixes match.", "GET", "search")
        {
            Arguments = [new CliArgument("q", "The search text.")],
            Options = Filters,
        },
        new("delete", "Delete a memory (it stays restorable).", "DELETE", "memories/{id}")
        {
            Arguments = [new CliArgument("id", "The memory id.")],
            Options = [new("version", "Fail unless this is the current version.", CliValueKind.Integer)],
        },
        new("restore", "Restore a deleted memory, or an earlier version of one.", "POST", "memories/{id}/restore")
        {
            Arguments = [new CliArgument("id", "The memory id.")],
            Options = [new("version", "The history version to restore (default: the last one before deletion).", CliValueKind.Integer)],
        },
        new("history", "Show every version of a memory.", "GET", "memories/{id}/history") { Arguments = [new CliArgument("id", "The memory id.")] },
        new("import", "Import memories from an NDJSON file (one JSON object per line; '-' for stdin).", "POST", "import")
        {
            Arguments = [new CliArgument("file", "The NDJSON file, or '-' for standard input.")],
            BodyFileArgument = "file",
            BodyContentType = "application/x-ndjson",
        },
        new("export", "Export every memory as NDJSON.", "GET", "export"),
    ];
}
