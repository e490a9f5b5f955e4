using Letta.Plugins.Sync.Engine;

namespace Letta.Plugins.Sync.Tests.Support;

internal static class ResultAssertions
{
    public static void Sync_ShouldHaveChangedNothing(this SyncRunResult r)
    {
        r.Succeeded.ShouldBeFalse();
        r.FilesSent.ShouldBe(0);
        r.FilesReceived.ShouldBe(0);
        r.FilesDeleted.ShouldBe(0);
        r.Published.ShouldBeFalse();
    }
}
