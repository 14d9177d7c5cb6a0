using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServicePublic.Web.Infrastructure.Caching;

/// <summary>
/// Tells every node that the catalogue changed (a procedure published, suspended or reactivated,
/// a ministry, office or category edited), whoever saved it: seeder, editors, supervisors. After
/// a SaveChanges that touched a catalogue entity, it sends <c>NOTIFY public_pages</c> on the same
/// connection: within the caller's transaction, PostgreSQL delivers it at the commit (never if it
/// rolls back); without one, the changes are already committed. Writes that bypass EF (psql by hand)
/// reach the pages when their copies expire (OutputCache:Seconds).
/// </summary>
internal sealed class CatalogueChangeNotifier : SaveChangesInterceptor
{
    private static readonly string CatalogueNamespace = typeof(Procedure).Namespace!;
    private readonly ConditionalWeakTable<DbContext, object> _changed = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _changed.Remove(context))
        {
            context.Database.ExecuteSqlRaw("NOTIFY " + PublicPageEviction.Channel);
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _changed.Remove(context))
        {
            await context.Database.ExecuteSqlRawAsync("NOTIFY " + PublicPageEviction.Channel, cancellationToken);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(IsCatalogueChange))
        {
            _changed.AddOrUpdate(context, this);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _changed.Remove(context);
        }
    }

    private static bool IsCatalogueChange(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && entry.Metadata.ClrType.Namespace == CatalogueNamespace;
}
