using Letta.Memories;
using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Tests.Contract;

public abstract partial class MemoryStoreContractTests
{
    [Fact]
    public async Task Changes_PublishCreatedUpdatedDeleted()
    {
        var created = await AddAsync("hub test", "Hub", ["h"], source: "test");
        await Svc(s => s.ReplaceAsync(created.Id, MemoryInput.Of("hub test 2", "Hub 2", ["h2"]), null, CancellationToken.None));
        await Svc(s => s.DeleteAsync(created.Id, null, CancellationToken.None));
        await Svc(s => s.RestoreAsync(created.Id, null, null, CancellationToken.None));

        object[] events = [.. Host.Hub.Published];
        events.Length.ShouldBe(4);
        var c = events[0].ShouldBeOfType<MemoryCreated>();
        (c.MemoryId, c.Title, c.Source, c.Version).ShouldBe((created.Id, "Hub", "test", 1L));
        c.Tags.ShouldBe(["h"]);
        var u = events[1].ShouldBeOfType<MemoryUpdated>();
        (u.MemoryId, u.Title, u.Version).ShouldBe((created.Id, "Hub 2", 2L));
        var d = events[2].ShouldBeOfType<MemoryDeleted>();
        (d.MemoryId, d.Version).ShouldBe((created.Id, 3L));
        events[3].ShouldBeOfType<MemoryUpdated>().Version.ShouldBe(4);
    }

    [Fact]
    public async Task FailedWrite_PublishesNothing()
    {
        await Should.ThrowAsync<Service.MemoryValidationException>(() => AddAsync(""));
        Host.Hub.Published.ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchMemoriesRequest_IsAnsweredThroughTheHub()
    {
        await SeedSearchCorpusAsync();

        var page = await Host.Hub.RequestAsync(new SearchMemories("apple") { Tags = ["food"] }, TimeSpan.FromSeconds(10));

        page.Items.Count.ShouldBe(1);
        page.Items[0].Title.ShouldBe("Apple pie");
        page.Items[0].Snippet.ShouldContain("[");
        page.Items[0].Tags.ShouldBe(["food"]);
        page.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task SearchMemoriesRequest_PagesWithCursor()
    {
        await SeedSearchCorpusAsync();

        var first = await Host.Hub.RequestAsync(new SearchMemories("apple", 1), TimeSpan.FromSeconds(10));
        var second = await Host.Hub.RequestAsync(new SearchMemories("apple", 1) { Cursor = first.NextCursor }, TimeSpan.FromSeconds(10));

        first.NextCursor.ShouldNotBeNull();
        second.Items.Single().MemoryId.ShouldNotBe(first.Items.Single().MemoryId);
        second.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task SearchMemoriesRequest_BadLimit_IsRejected() =>
        await Should.ThrowAsync<ArgumentException>(() => Host.Hub.RequestAsync(new SearchMemories("apple", 0), TimeSpan.FromSeconds(10)));
}
