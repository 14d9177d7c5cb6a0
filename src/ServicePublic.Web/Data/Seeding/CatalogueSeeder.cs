namespace ServicePublic.Web.Data.Seeding;

/// <summary>
/// Brings the catalogue in line with the seed files: adds what is missing, publishes a new
/// version of a procedure whose text changed, and leaves everything else alone, so running it
/// twice changes nothing.
/// </summary>
public sealed class CatalogueSeeder(AppDbContext db, TimeProvider clock, ILogger<CatalogueSeeder> logger)
{
    // Several app instances may start at once: one seeds, the others wait and find nothing to do.
    private const long AdvisoryLockKey = 0x5E_ED_CA7A;

    public async Task SeedAsync(CancellationToken cancellationToken = default) =>
        await SeedAsync(CatalogueFiles.Load(), cancellationToken);

    public async Task SeedAsync(CatalogueFiles files, CancellationToken cancellationToken = default)
    {
        await db.SeedLockedAsync(AdvisoryLockKey, async ct =>
        {
            var (ministries, categories) = await SeedReferenceDataAsync(files, ct);
            var published = await SeedProceduresAsync(files, ministries, categories, ct);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Catalogue seeded: {ProcedureCount} procedures, {PublishedCount} versions published",
                files.Procedures.Count, published);
        }, cancellationToken);
    }

    private async Task<(Dictionary<string, Ministry>, Dictionary<string, Category>)> SeedReferenceDataAsync(
        CatalogueFiles files, CancellationToken ct)
    {
        var ministries = await db.Ministries.Include(m => m.Offices).ToDictionaryAsync(m => m.Code, ct);
        foreach (var entry in files.Ministries)
        {
            if (!ministries.TryGetValue(entry.Code, out var ministry))
            {
                ministry = new Ministry(entry.Code, entry.Acronym, entry.Name, entry.Description);
                db.Ministries.Add(ministry);
                ministries.Add(entry.Code, ministry);
            }
            ministry.Update(entry.Acronym, entry.Name, entry.Description);
            foreach (var office in entry.Offices)
            {
                ministry.AddOrUpdateOffice(office.Code, office.Name);
            }
        }

        var categories = await db.Categories.ToDictionaryAsync(c => c.Slug, ct);
        foreach (var entry in files.Categories)
        {
            if (categories.TryGetValue(entry.Slug, out var category))
            {
                category.Rename(entry.Name);
            }
            else
            {
                category = new Category(entry.Slug, entry.Name);
                db.Categories.Add(category);
                categories.Add(entry.Slug, category);
            }
        }
        return (ministries, categories);
    }

    private async Task<int> SeedProceduresAsync(
        CatalogueFiles files, Dictionary<string, Ministry> ministries, Dictionary<string, Category> categories, CancellationToken ct)
    {
        var procedures = await db.Procedures
            .Include(p => p.Versions.Where(v => v.IsCurrent))
            .ToDictionaryAsync(p => p.Slug, ct);
        var now = clock.GetUtcNow();
        var published = 0;
        foreach (var entry in files.Procedures)
        {
            var ministry = ministries.GetValueOrDefault(entry.Ministry)
                ?? throw new InvalidDataException($"Procedure {entry.Slug}: unknown ministry {entry.Ministry}.");
            var category = categories.GetValueOrDefault(entry.Category)
                ?? throw new InvalidDataException($"Procedure {entry.Slug}: unknown category {entry.Category}.");
            var office = entry.Office is null ? null : ministry.Offices.FirstOrDefault(o => o.Code == entry.Office)
                ?? throw new InvalidDataException($"Procedure {entry.Slug}: unknown office {entry.Office} of {entry.Ministry}.");

            if (!procedures.TryGetValue(entry.Slug, out var procedure))
            {
                procedure = new Procedure(entry.Slug, ministry, office, category);
                db.Procedures.Add(procedure);
                procedures.Add(entry.Slug, procedure);
            }
            else if (procedure.IsEditedOnline)
            {
                // Its ministry's editors own it now: the seed file would undo their publications.
                continue;
            }
            procedure.Assign(ministry, office, category);
            procedure.SetAvailability(entry.Online, entry.Popularity);
            if (entry.Status == ProcedureStatus.Suspended)
            {
                procedure.Suspend(entry.SuspensionReason ?? "Suspendue");
            }
            else
            {
                procedure.Reactivate();
            }
            if (procedure.Publish(entry.ToContent(), now) is not null)
            {
                published++;
            }
        }
        return published;
    }
}
