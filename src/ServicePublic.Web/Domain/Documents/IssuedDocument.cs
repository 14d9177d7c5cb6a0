using System.Security.Cryptography;

namespace ServicePublic.Web.Domain.Documents;

/// <summary>
/// What an approved request delivers (card, permit, certificate). What it says is fixed when it is
/// issued — including the issuer's names, so renaming a ministry changes no document — and signed
/// (<see cref="Payload"/>); only its revocation changes afterwards.
/// </summary>
public sealed class IssuedDocument
{
    public const int NumberMaxLength = 40;
    public const int KindMaxLength = 250;
    public const int HolderNameMaxLength = 300;
    public const int HolderReferenceMaxLength = 40;
    public const int IssuerMaxLength = 200;
    public const int CodeLength = 10;
    public const int ReasonMaxLength = 1000;
    public const int PayloadMaxLength = 2000;

    /// <summary>No 0/O, 1/I/L: read out on the phone or typed from paper without mistakes.</summary>
    public const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public Guid Id { get; private set; }
    public Guid RequestId { get; private set; }
    public string Number { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public string HolderName { get; private set; } = "";

    /// <summary>The business's NIF, when the holder is a business.</summary>
    public string? HolderReference { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>Last day of validity (inclusive); null when the document does not expire.</summary>
    public DateOnly? ValidUntil { get; private set; }
    public List<string> Conditions { get; private set; } = [];
    public int MinistryId { get; private set; }
    public string MinistryName { get; private set; } = "";
    public string? OfficeName { get; private set; }
    public string IssuedById { get; private set; } = "";
    public string VerificationCode { get; private set; } = "";
    public IssuedDocumentStatus Status { get; private set; } = IssuedDocumentStatus.Valid;
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedById { get; private set; }
    public string? RevocationReason { get; private set; }

    /// <summary>The signed, compact form its QR code carries (see DocumentSigner).</summary>
    public string Payload { get; private set; } = "";

    private IssuedDocument()
    {
    }

    public static IssuedDocument Issue(Guid requestId, string number, DocumentContent content, string issuedById, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        RequestId = requestId,
        Number = number,
        Kind = content.Kind,
        HolderName = content.HolderName,
        HolderReference = content.HolderReference,
        IssuedAt = now,
        ValidUntil = content.ValidUntil,
        Conditions = [.. content.Conditions],
        MinistryId = content.MinistryId,
        MinistryName = content.MinistryName,
        OfficeName = content.OfficeName,
        IssuedById = issuedById,
        VerificationCode = NewVerificationCode(),
    };

    /// <summary>Set once, right after issuing: the signature covers the number and code drawn above.</summary>
    public void Seal(string payload)
    {
        if (Payload.Length > 0)
        {
            throw new InvalidOperationException($"Document {Number} is already sealed.");
        }
        Payload = payload;
    }

    public bool IsExpiredOn(DateOnly today) => ValidUntil is { } last && today > last;

    /// <summary>What a verifier is told today.</summary>
    public DocumentState StateOn(DateOnly today) =>
        Status == IssuedDocumentStatus.Revoked ? DocumentState.Revoked
        : IsExpiredOn(today) ? DocumentState.Expired
        : DocumentState.Valid;

    public void Revoke(string supervisorId, string? reason, DateTimeOffset now)
    {
        if (Status == IssuedDocumentStatus.Revoked)
        {
            throw new BusinessRuleException("Ce document est déjà révoqué.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new BusinessRuleException("Indiquez le motif de la révocation.");
        }
        if (reason.Length > ReasonMaxLength)
        {
            throw new BusinessRuleException("Le motif ne doit pas dépasser 1000 caractères.");
        }
        Status = IssuedDocumentStatus.Revoked;
        RevokedAt = now;
        RevokedById = supervisorId;
        RevocationReason = reason.Trim();
    }

    /// <summary>"abcde-fghjk " → "ABCDEFGHJK"; null when it cannot be a code (wrong length or characters).</summary>
    public static string? NormalizeCode(string? typed)
    {
        if (typed is null || typed.Length > 40)
        {
            return null;
        }
        var code = string.Concat(typed.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
        return code.Length == CodeLength && code.All(CodeAlphabet.Contains) ? code : null;
    }

    /// <summary>"ABCDEFGHJK" → "ABCDE-FGHJK", as printed.</summary>
    public static string FormatCode(string code) => code.Length == CodeLength ? $"{code[..5]}-{code[5..]}" : code;

    /// <summary>"MCIC-2026-000123": the issuing ministry, the year, a number from a PostgreSQL sequence.</summary>
    public static string FormatNumber(string ministryCode, int year, long sequence) => $"{ministryCode}-{year}-{sequence:D6}";

    private static string NewVerificationCode() => string.Create(CodeLength, CodeAlphabet, (span, chars) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
        }
    });
}

public enum IssuedDocumentStatus
{
    Valid,
    Revoked,
}

public enum DocumentState
{
    Valid,
    Revoked,
    Expired,
}

/// <summary>What the procedure's template puts on the document.</summary>
public sealed record DocumentContent(
    string Kind,
    string HolderName,
    string? HolderReference,
    DateOnly? ValidUntil,
    IReadOnlyList<string> Conditions,
    int MinistryId,
    string MinistryName,
    string? OfficeName);
