using Letta.Cli;

namespace Letta.Plugins.Sync.Cli;

/// <summary>The <c>letta sync …</c> verbs, each one call to a route of <see cref="Api.SyncApi"/>.</summary>
internal static class SyncCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("status", "Per category: last run, counts, conflicts, errors.", "GET", "status"),
        new("run", "Sync now (all categories, or one), printing progress; exits 1 when a run fails or a gate stops it.", "POST", "run/progress")
        {
            Options =
            [
                new CliOption("category", "Only this category."),
                new CliOption("dry-run", "Print the exact plan and change nothing.", CliValueKind.Flag),
                new CliOption("force", "Override the deletion, empty-side, mass-change and conflict limits.", CliValueKind.Flag),
                new CliOption("revert", "Receive-only category: make the local folder match the cluster (local versions kept in versions/).", CliValueKind.Flag),
                new CliOption("override", "Send-only category: republish the local state over remote edits not applied here.", CliValueKind.Flag),
            ],
        },
        new("plan", "Print the exact plan of the next run without changing anything.", "GET", "plan")
        {
            Options = [new CliOption("category", "Only this category.")],
        },
        new("devices", "List the devices registered in the cloud folder.", "GET", "devices"),
        new("revoke", "Revoke a device: its data is ignored from now on.", "POST", "devices/{id}/revoke")
        {
            Arguments = [new CliArgument("id", "The device id (see 'letta sync devices').")],
        },
        new("conflicts", "List the conflict copies kept in the local folders.", "GET", "conflicts")
        {
            Options = [new CliOption("category", "Only this category.")],
        },
    ];
}
