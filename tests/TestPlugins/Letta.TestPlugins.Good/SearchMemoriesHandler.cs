using Letta.Memories;
using Letta.Messaging;

namespace Letta.TestPlugins.Good;

/// <summary>Answers <see cref="SearchMemories"/> with one hit whose title echoes the query.</summary>
public sealed class SearchMemoriesHandler(TimeProvider time) : IRequestHandler<SearchMemories, MemoryPage>
{
    public ValueTask<MemoryPage> HandleAsync(SearchMemories request, CancellationToken cancellationToken)
    {
        var hit = new MemoryHit("good-1", request.Query, $"[{request.Query}]", ["good"], 1.0, time.GetUtcNow());
        return ValueTask.FromResult(new MemoryPage([hit], null));
    }
}
