using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Data.Seeding;
using static ServicePublic.Web.Data.Seeding.CatalogueFiles;

namespace ServicePublic.Web.Features.Edition;

/// <summary>A part of a draft being edited: the procedure, the posted form, and who saved meanwhile when a save was refused.</summary>
public sealed record PartPage<T>(Workbench Bench, T Form, EditConflict? Conflict, IReadOnlyList<EntryProblem> Problems, string? FieldKey = null);

/// <summary>
/// The parts of a draft an editor writes: its catalogue sheet, documents, fees, form fields and
/// eligibility rules. Each save carries the token of the draft it was read from: when another
/// editor saved in between, nothing is saved and the page comes back with what this editor typed,
/// who saved, and a token that lets them save over it once they have compared.
/// </summary>
[Authorize(Policy = Policies.Edition, Roles = Roles.Editor + "," + Roles.Administrator)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DraftController(Workshop workshop, DefinitionChecks checks) : Controller
{
    [HttpGet("/edition/demarches/{slug}/fiche")]
    public Task<IActionResult> Sheet(string slug, CancellationToken ct) => ShowAsync(slug, "Sheet", SheetForm.Of, ct);

    [HttpPost("/edition/demarches/{slug}/fiche")]
    public Task<IActionResult> Sheet(string slug, SheetForm form, CancellationToken ct) =>
        SaveAsync(slug, "Sheet", form, form.Token, "fiche", (bench, _) => form.ApplyTo(bench.Entry), ct);

    [HttpGet("/edition/demarches/{slug}/pieces")]
    public Task<IActionResult> Documents(string slug, CancellationToken ct) => ShowAsync(slug, "Documents", DocumentsForm.Of, ct);

    [HttpPost("/edition/demarches/{slug}/pieces")]
    public Task<IActionResult> Documents(string slug, DocumentsForm form, CancellationToken ct) =>
        SaveAsync(slug, "Documents", form, form.Token, "pièces", (bench, _) => FormEditing.WithDocuments(bench.Entry, form.Documents()), ct);

    [HttpGet("/edition/demarches/{slug}/frais")]
    public Task<IActionResult> Fees(string slug, CancellationToken ct) => ShowAsync(slug, "Fees", FeesForm.Of, ct);

    [HttpPost("/edition/demarches/{slug}/frais")]
    public Task<IActionResult> Fees(string slug, FeesForm form, CancellationToken ct) =>
        SaveAsync(slug, "Fees", form, form.Token, "frais", (bench, _) => bench.Entry with { Fees = form.Fees() }, ct);

    [HttpGet("/edition/demarches/{slug}/eligibilite")]
    public Task<IActionResult> Rules(string slug, CancellationToken ct) => ShowAsync(slug, "Rules", RulesForm.Of, ct);

    [HttpPost("/edition/demarches/{slug}/eligibilite")]
    public Task<IActionResult> Rules(string slug, RulesForm form, CancellationToken ct) =>
        SaveAsync(slug, "Rules", form, form.Token, "éligibilité", (bench, _) => bench.Entry with { Eligibility = form.Rules() }, ct);

    [HttpGet("/edition/demarches/{slug}/formulaire")]
    public Task<IActionResult> Form(string slug, CancellationToken ct) => ShowAsync(slug, "Form", (_, token) => new NewFieldForm { Token = token }, ct);

    /// <summary>Adds a field, or moves one up or down, or removes one: one small form per button, so it works without JavaScript.</summary>
    [HttpPost("/edition/demarches/{slug}/formulaire")]
    public Task<IActionResult> Form(string slug, NewFieldForm form, [FromForm(Name = "action")] string? action, [FromForm(Name = "key")] string? key, CancellationToken ct)
    {
        string? added = null;
        return SaveAsync(slug, "Form", form, form.Token, action == "ajouter" ? "champ ajouté" : $"champ {key} : {action}", (bench, state) =>
        {
            switch (action)
            {
                case "ajouter" when string.IsNullOrWhiteSpace(form.Label) || !Enum.IsDefined(form.Type) || form.Type is FieldType.File:
                    state.AddModelError(nameof(form.Label), "Écrivez la question et choisissez son type.");
                    return bench.Entry;
                case "ajouter":
                    (var entry, added) = FormEditing.Add(bench.Entry, form.Type, form.Label!);
                    return entry;
                case "monter":
                    return FormEditing.Move(bench.Entry, key ?? "", -1);
                case "descendre":
                    return FormEditing.Move(bench.Entry, key ?? "", 1);
                case "retirer":
                    return FormEditing.Remove(bench.Entry, key ?? "");
                default:
                    state.AddModelError("", "Action inconnue.");
                    return bench.Entry;
            }
        }, ct, after: () => added is null ? EditionPaths.Form(slug) + (key is null ? "" : "#champ-" + key) : EditionPaths.Field(slug, added));
    }

    [HttpGet("/edition/demarches/{slug}/formulaire/{key}")]
    public async Task<IActionResult> Field(string slug, string key, CancellationToken ct)
    {
        if (await workshop.OpenAsync(slug, User, ct) is not { } bench || bench.Entry.Form.FirstOrDefault(f => f.Key == key && FormEditing.IsWritten(f)) is not { } field)
        {
            return NotFound();
        }
        return View("Field", await PageAsync(bench, FieldForm.Of(field, bench.Token), null, ct, key));
    }

    [HttpPost("/edition/demarches/{slug}/formulaire/{key}")]
    public async Task<IActionResult> Field(string slug, string key, FieldForm form, CancellationToken ct)
    {
        if (await workshop.OpenAsync(slug, User, ct) is not { } bench || !bench.Entry.Form.Any(f => f.Key == key && FormEditing.IsWritten(f)))
        {
            return NotFound();
        }
        return await SaveAsync(bench, "Field", form, form.Token, $"champ {key}", (b, state) =>
        {
            var entry = Definitions.Copy(b.Entry);
            foreach (var unreadable in form.ApplyTo(entry.Form.Single(f => f.Key == key)))
            {
                state.AddModelError(unreadable, "Saisissez un nombre.");
            }
            return entry;
        }, ct, () => EditionPaths.Form(slug) + "#champ-" + key, key);
    }

    private async Task<IActionResult> ShowAsync<T>(string slug, string view, Func<ProcedureEntry, uint, T> form, CancellationToken ct)
        where T : IDraftForm =>
        await workshop.OpenAsync(slug, User, ct) is { } bench ? View(view, await PageAsync(bench, form(bench.Entry, bench.Token), null, ct)) : NotFound();

    private async Task<IActionResult> SaveAsync<T>(string slug, string view, T form, uint token, string part,
        Func<Workbench, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary, ProcedureEntry> edit, CancellationToken ct, Func<string>? after = null)
        where T : IDraftForm =>
        await workshop.OpenAsync(slug, User, ct) is { } bench ? await SaveAsync(bench, view, form, token, part, edit, ct, after) : NotFound();

    private async Task<IActionResult> SaveAsync<T>(Workbench bench, string view, T form, uint token, string part,
        Func<Workbench, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary, ProcedureEntry> edit, CancellationToken ct, Func<string>? after = null, string? key = null)
        where T : IDraftForm
    {
        var entry = edit(bench, ModelState);
        if (!ModelState.IsValid)
        {
            return View(view, await PageAsync(bench with { Entry = entry }, form, null, ct, key));
        }
        if (await workshop.SaveAsync(bench, token, entry, part, User, ct) is { } conflict)
        {
            // What this editor typed comes back, with the token of the draft saved meanwhile: saving again replaces it.
            ModelState.Remove("Token");
            var current = await workshop.OpenAsync(bench.Slug, User, ct) ?? bench;
            return View(view, await PageAsync(current with { Entry = entry }, form, conflict, ct, key));
        }
        TempData["Notice"] = "Brouillon enregistré.";
        return Redirect(after?.Invoke() ?? EditionPaths.Procedure(bench.Slug));
    }

    private async Task<PartPage<T>> PageAsync<T>(Workbench bench, T form, EditConflict? conflict, CancellationToken ct, string? key = null)
        where T : IDraftForm
    {
        if (conflict is not null)
        {
            form.Token = conflict.Token;
        }
        return new PartPage<T>(bench, form, conflict, await checks.ProblemsAsync(bench.Entry, ct), key);
    }
}
