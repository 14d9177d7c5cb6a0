using System.Security.Cryptography;
using ServicePublic.Web.Domain;
using ServicePublic.Web.Domain.Documents;
using ServicePublic.Web.Features.Documents;

namespace ServicePublic.UnitTests;

public sealed class IssuedDocumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    private static IssuedDocument Document(DateOnly? validUntil = null) => IssuedDocument.Issue(
        Guid.NewGuid(), "MCIC-2026-000001",
        new DocumentContent("Carte d'importateur", "Kossi Agbeko", null, validUntil, [], 1, "Ministère du Commerce", null), "clerk", Now);

    [Theory]
    [InlineData("Carte d'importateur", "Carte d'importateur")]
    [InlineData("Demande de carte d'importateur", "Carte d'importateur")]
    [InlineData("Demande de permis de construire", "Permis de construire")]
    [InlineData("Délivrance du certificat d'origine", "Certificat d'origine")]
    [InlineData("Déclaration de naissance et acte de naissance", "Attestation – Déclaration de naissance et acte de naissance")]
    public void TitleFor_NamesTheDocument_FromTheProcedureTitle(string procedure, string expected) =>
        Assert.Equal(expected, DocumentTemplates.TitleFor(procedure));

    [Theory]
    [InlineData("1 an renouvelable", "2027-11-22")]
    [InlineData("5 ans", "2031-11-22")]
    [InlineData("6 mois, dans la limite des quantités autorisées", "2027-05-22")]
    [InlineData("30 jours, pour une seule exportation", "2026-12-22")]
    [InlineData("Illimitée", null)]
    [InlineData("Durée du chantier, au plus 2 ans", null)]
    [InlineData(null, null)]
    public void ValidUntil_ReadsTheProcedureValidity_WhenItStartsWithADuration(string? validity, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DocumentTemplates.ValidUntil(validity, Today));

    [Fact]
    public void VerificationCode_IsTenCharactersWithoutLookAlikes()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => Document().VerificationCode).ToList();

        Assert.All(codes, c => Assert.Matches("^[A-HJKMNP-Z2-9]{10}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData(" abcde-fghjk ", "ABCDEFGHJK")]
    [InlineData("ABCDEFGHJK", "ABCDEFGHJK")]
    [InlineData("ABCDEFGHJ0", null)]
    [InlineData("ABC", null)]
    [InlineData("", null)]
    public void NormalizeCode_AcceptsWhatPeopleType_AndRefusesWhatCannotBeACode(string typed, string? expected) =>
        Assert.Equal(expected, IssuedDocument.NormalizeCode(typed));

    [Fact]
    public void StateOn_SaysExpired_AfterTheLastDay_AndRevoked_OnceRevoked()
    {
        var document = Document(validUntil: Today);

        Assert.Equal(DocumentState.Valid, document.StateOn(Today));
        Assert.Equal(DocumentState.Expired, document.StateOn(Today.AddDays(1)));
        document.Revoke("supervisor", "Fraude", Now);
        Assert.Equal(DocumentState.Revoked, document.StateOn(Today));
    }

    [Fact]
    public void Revoke_RequiresAReason_AndChangesNothingWithoutOne()
    {
        var document = Document();

        var error = Assert.Throws<BusinessRuleException>(() => document.Revoke("supervisor", "  ", Now));

        Assert.Equal("Indiquez le motif de la révocation.", error.Message);
        Assert.Equal(IssuedDocumentStatus.Valid, document.Status);
        Assert.Null(document.RevokedAt);
    }

    [Fact]
    public void Signer_VerifiesItsOwnPayload_AndRefusesAnyChangedByte()
    {
        using var signer = new DocumentSigner(NewKey());
        var claims = new DocumentClaims("MCIC-2026-000001", "ABCDEFGHJK", "Carte d'importateur", "K**** A*****", Today, Today.AddYears(1));
        var payload = signer.Sign(claims);

        Assert.Equal(claims, signer.Verify(payload));
        Assert.True(payload.Length < 320, $"Payload of {payload.Length} characters: too long for a readable QR code.");
        for (var i = 4; i < payload.Length; i += 7)
        {
            if (payload[i] == '.')
            {
                continue;
            }
            var changed = payload[..i] + (payload[i] == 'A' ? 'B' : 'A') + payload[(i + 1)..];
            Assert.Null(signer.Verify(changed));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("SP1")]
    [InlineData("SP1..")]
    [InlineData("SP1.!!!.???")]
    [InlineData("SP2.e30.AAAA")]
    [InlineData("SP1.e30.AAAA")]
    [InlineData("not a payload at all")]
    public void Signer_RefusesGarbage_WithoutThrowing(string payload)
    {
        using var signer = new DocumentSigner(NewKey());

        Assert.Null(signer.Verify(payload));
        Assert.Null(signer.Verify(new string('A', 100_000)));
    }

    [Fact]
    public void Signer_RefusesAPayloadSignedWithAnotherKey()
    {
        using var signer = new DocumentSigner(NewKey());
        using var other = new DocumentSigner(NewKey());
        var payload = other.Sign(new DocumentClaims("MCIC-2026-000001", "ABCDEFGHJK", "Carte", "K****", Today, null));

        Assert.Null(signer.Verify(payload));
    }

    private static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);
}

public sealed class DocumentPdfTests
{
    [Fact]
    public void Build_WritesAPdf_WithFrenchTypography()
    {
        var document = IssuedDocument.Issue(
            Guid.NewGuid(), "MCIC-2026-000001",
            new DocumentContent("Attestation – Déclaration « spéciale » d’œuvre", "Kossi Agbéko", "1000123456", new DateOnly(2027, 11, 22),
                ["Être inscrit au registre du commerce (RCCM) – à jour", new string('x', 300)], 1, "Ministère du Commerce", "Direction du commerce extérieur"),
            "clerk", DateTimeOffset.UtcNow);

        var pdf = DocumentPdf.Build(document, "TG-2026-00000001", "https://servicepublic.gouv.tg/verifier/ABCDEFGHJK?p=SP1.x.y", "https://servicepublic.gouv.tg/verifier");

        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }

    [Fact]
    public void Plain_KeepsFrenchTypography_AndReplacesOnlyWhatTheFontLacks() =>
        Assert.Equal("Attestation – «œuvre» d’Éric à été ? N° 5 000", DocumentPdf.Plain("Attestation – «œuvre» d’Éric à été ✓ N° 5\u202F000"));
}
