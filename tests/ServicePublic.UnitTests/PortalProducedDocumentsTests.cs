using System.Text.RegularExpressions;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Catalogue;

namespace ServicePublic.UnitTests;

/// <summary>
/// A procedure filed online asks no upload of what the portal itself produces: the receipt of a
/// fee the portal charges at filing, or the request form that the online form already is.
/// </summary>
public sealed class PortalProducedDocumentsTests
{
    private static readonly IReadOnlyList<CatalogueFiles.ProcedureEntry> Online = [.. CatalogueFiles.Load().Procedures.Where(p => p.Online)];

    // A receipt, then what it is the receipt of: "Quittance de paiement | des frais de délivrance".
    private static readonly Regex Receipt = new(
        @"\b(?:quittances?|reçus?|(?:récépissés?|attestations?|preuves?|justificatifs?) de (?:paiement|versement))\b(?: de (?:paiement|versement))?(?<of>.*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // What an applicant fills in or writes to ask, by its usual names: on the portal, the online form.
    private static readonly Regex RequestForm = new(
        @"^(?:formulaire|fiche de demande|fiche d'inscription|demande|lettre (?:de demande|de déclaration|de soumission|signée sur papier)|réclamation écrite|bon de commande|réquisition|requête)\b|\brempli",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // Kept on purpose: the beneficiary signs it too, and the online request binds only the account that files it.
    private static readonly HashSet<(string Slug, string Document)> SignedByAnotherParty =
        [("cession-amodiation-titre-minier", "Demande conjointe du titulaire et du bénéficiaire")];

    [Fact]
    public void OnlineProcedures_AskNoReceipt_OfAFeeThePortalChargesAtFiling()
    {
        var asked = Online.SelectMany(p => p.Documents
            .Where(d => p.Fees.Any(f => IsChargedAtFiling(f) && IsReceiptOf(d.Name, f)))
            .Select(d => $"{p.Slug}: {d.Name}")).ToList();

        Assert.True(asked.Count == 0, string.Join("\n", asked));
    }

    [Theory]
    [InlineData("Quittance de paiement des frais de délivrance", "Frais de délivrance annuels (société)", true)]
    [InlineData("Récépissé de paiement des frais de dossier", "Frais de dossier", true)]
    [InlineData("Quittance de paiement", "Duplicata", true)]
    [InlineData("Quittances de paiement des redevances superficiaires", "Frais d'instruction", false)]
    [InlineData("Déclaration en douane et quittance des droits de douane", "Droits d'immatriculation", false)]
    [InlineData("Récépissé de la coopérative ou du groupement et liste des membres", "Frais d'instruction", false)]
    public void AReceipt_IsOfTheFeeItNames_OrOfAnyFeeWhenItNamesNone(string document, string fee, bool isReceipt)
    {
        Assert.Equal(isReceipt, IsReceiptOf(document, new FeeItem { Label = fee }));
    }

    [Fact]
    public void OnlineProcedures_AskNoRequestForm_TheOnlineFormAlreadyIs()
    {
        var asked = Online.SelectMany(p => p.Documents
            .Where(d => RequestForm.IsMatch(d.Name) && !SignedByAnotherParty.Contains((p.Slug, d.Name)))
            .Select(d => $"{p.Slug}: {d.Name}")).ToList();

        Assert.True(asked.Count == 0, string.Join("\n", asked));
    }

    // As FeeQuote charges at filing: a flat amount that is no range, or an amount per unit of a quantity the form asks.
    private static bool IsChargedAtFiling(FeeItem fee) =>
        !fee.DueLater && fee.Amount is not null
        && (fee.Kind == FeeKind.Flat ? !fee.IsRange : fee.Kind == FeeKind.PerUnit && fee.QuantityField is not null);

    // "Quittance de paiement des frais de délivrance" is of "Frais de délivrance annuels (société)"; one that names nothing, of any fee.
    private static bool IsReceiptOf(string document, FeeItem fee) =>
        Receipt.Match(document) is { Success: true } receipt && Words(receipt.Groups["of"].Value).IsSubsetOf(Words(fee.Label));

    private static HashSet<string> Words(string text) =>
        [.. Regex.Split(text.ToLowerInvariant(), @"[^\p{L}\p{N}]+")
            .Where(w => w.Length > 2 && w is not ("des" or "les" or "aux"))
            .Select(w => w.TrimEnd('s', 'x'))];
}
