using ServicePublic.Web.Data.Seeding;
using static ServicePublic.Web.Data.Seeding.CatalogueFiles;

namespace ServicePublic.Web.Features.Edition;

/// <summary>
/// Whether a definition may be published: what the seed files must satisfy (<see cref="CatalogueValidator"/>:
/// keys, options, conditions, quantities, one upload per document, the attestation), plus what the
/// builder asks of every new text: a target delay in days, which sets due dates and feeds the
/// supervision room.
/// </summary>
public sealed class DefinitionChecks(AppDbContext db)
{
    // Read once per request: the checks, the sheet's category list and an import all use it.
    private CatalogueFiles? _reference;

    public async Task<IReadOnlyList<EntryProblem>> ProblemsAsync(ProcedureEntry entry, CancellationToken ct)
    {
        var problems = CatalogueValidator.ProblemsOf(entry, await ReferenceAsync(ct)).ToList();
        if (entry.ProcessingTime is { MaxDays: null, MinDays: null })
        {
            problems.Add(new("processingTime", "Indiquez le délai cible en jours : il fixe l'échéance des demandes et nourrit la salle de supervision."));
        }
        else if (entry.ProcessingTime?.MaxDays is < 1 or > Procedure.MaxTargetDelayDays || entry.ProcessingTime?.MinDays is < 0 or > Procedure.MaxTargetDelayDays)
        {
            problems.Add(new("processingTime", "Le délai cible doit être compris entre 1 et 365 jours."));
        }
        return problems;
    }

    /// <summary>The ministries, offices and categories a definition may name.</summary>
    public async Task<CatalogueFiles> ReferenceAsync(CancellationToken ct) => _reference ??= await LoadReferenceAsync(ct);

    private async Task<CatalogueFiles> LoadReferenceAsync(CancellationToken ct)
    {
        var ministries = await db.Ministries.AsNoTracking().Include(m => m.Offices).OrderBy(m => m.Name).ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        return new CatalogueFiles(
            [.. ministries.Select(m => new MinistryEntry(m.Code, m.Acronym, m.Name, m.Description, [.. m.Offices.Select(o => new OfficeEntry(o.Code, o.Name))]))],
            [.. categories.Select(c => new CategoryEntry(c.Slug, c.Name))],
            []);
    }
}
