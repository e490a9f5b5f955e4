using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Service;

namespace Letta.Plugins.Memory.Tests.Search;

public sealed class CursorCodecTests
{
    [Fact]
    public void ListCursor_RoundTrips()
    {
        var cursor = new ListCursor(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1230), "0193abc");
        CursorCodec.DecodeList(CursorCodec.EncodeList(cursor)).ShouldBe(cursor);
    }

    [Fact]
    public void SearchCursor_RoundTrips() => CursorCodec.DecodeSearch(CursorCodec.EncodeSearch(40)).ShouldBe(40);

    [Fact]
    public void SearchCursor_InListPosition_FailsOnCursor() =>
        Should.Throw<MemoryValidationException>(() => CursorCodec.DecodeList(CursorCodec.EncodeSearch(1))).Errors.Keys.ShouldBe(["cursor"]);
}
