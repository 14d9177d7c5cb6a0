using Microsoft.AspNetCore.OutputCaching;

namespace ServicePublic.Web.Infrastructure.Caching;

/// <summary>
/// Forgets this node's copies of the public pages. Called by the node's listening connection when
/// PostgreSQL relays <c>NOTIFY public_pages</c> (sent by <see cref="CatalogueChangeNotifier"/> in the
/// transaction that changed the catalogue, so every node hears it once it is committed), and when
/// that connection comes back, since notifications sent meanwhile are lost.
/// </summary>
public sealed class PublicPageEviction(IServiceProvider services, ILogger<PublicPageEviction> logger)
{
    public const string Channel = "public_pages";

    private long _evictions;

    /// <summary>How many times this node has evicted its public pages since it started.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    public async Task EvictAsync(CancellationToken cancellation)
    {
        // Without the output cache (OutputCache:Enabled=false) there is no store and nothing to forget.
        if (services.GetService<IOutputCacheStore>() is { } store)
        {
            try
            {
                await store.EvictByTagAsync(PublicPages.Tag, cancellation);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Public pages could not be evicted from the output cache");
                return;
            }
        }
        Interlocked.Increment(ref _evictions);
    }
}
