namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// Writes a refused or forged provider callback to the audit chain, with whatever the context
/// tracks (the stored callback's outcome) in the same transaction. Anyone can post callbacks, so
/// entries go through <see cref="AuditThrottle"/>: one per address and reason a minute, the others
/// counted into the next one.
/// </summary>
public sealed class CallbackRefusals(AppDbContext db, AuditLog audit, AuditThrottle throttle, IHttpContextAccessor http)
{
    private const int MaxDetailLength = 200;

    /// <param name="reason">A short code: unknown-provider, unknown-payment, other-provider, bad-content-type, body-too-large, unreadable, refused.</param>
    /// <param name="detail">What the sender or the verification said, shortened.</param>
    public async Task RecordAsync(string provider, string reason, Guid? paymentId, string? detail, CancellationToken ct)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "-";
        if (throttle.TryPass($"callback {address} {reason}") is { } heldBack)
        {
            var details = $"{Shorten(provider, 40)} {reason}{(detail is null ? "" : " : " + Shorten(detail, MaxDetailLength))}"
                + (heldBack > 0 ? $" (+{heldBack} refus semblables de cette adresse non écrits depuis l'entrée précédente)" : "");
            await audit.RecordAsync(AuditActions.CallbackRefused, paymentId?.ToString(), details, ct: ct);
        }
        else if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
