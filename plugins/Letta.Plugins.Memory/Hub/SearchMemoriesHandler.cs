using Letta.Memories;
using Letta.Messaging;
using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Service;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Plugins.Memory.Hub;

/// <summary>Answers other plugins' <see cref="SearchMemories"/> requests with the same search the REST API runs.</summary>
internal sealed class SearchMemoriesHandler(IServiceProvider services) : IRequestHandler<SearchMemories, MemoryPage>
{
    /// <summary>The largest page the contract allows.</summary>
    public const int MaxLimit = 200;

    /// <inheritdoc />
    public async ValueTask<MemoryPage> HandleAsync(SearchMemories request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Limit is < 1 or > MaxLimit)
        {
            throw new MemoryValidationException(nameof(request.Limit), $"The limit must be between 1 and {MaxLimit}.");
        }

        var service = services.GetRequiredService<MemoryService>();
        var filter = new MemoryFilter { Tags = request.Tags };
        var (items, next) = await service.SearchAsync(request.Query, filter, request.Cursor, request.Limit, cancellationToken);
        var hits = items.Select(h => new MemoryHit(h.Memory.Id, h.Memory.Title, h.Snippet, h.Memory.Tags, h.Rank, h.Memory.UpdatedAt)).ToList();
        return new MemoryPage(hits, next);
    }
}
