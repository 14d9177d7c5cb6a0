using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Payments.Sandbox;

namespace ServicePublic.Bench;

/// <summary>
/// The payments the storm settles: one applicant (email confirmed, so each success queues one
/// email; no phone, so no SMS), and N importer-card requests awaiting payment, each with one
/// pending sandbox payment. Built through the domain, saved with EF in batches.
/// </summary>
public static class Fixtures
{
    public const string ProcedureSlug = "carte-importateur";
    public const long Fee = 25_000;
    private const int BatchSize = 1000;

    public sealed record Prepared(ApplicationUser Applicant, IReadOnlyList<Guid> PaymentIds);

    public static async Task<Prepared> PrepareAsync(PortalFactory portal, int count)
    {
        var applicant = await portal.CreateAsync(email: "demandeur.bench@exemple.tg");
        int versionId;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            versionId = await db.ProcedureVersions.Where(v => v.IsCurrent && v.Procedure.Slug == ProcedureSlug).Select(v => v.Id).SingleAsync();
        }
        var now = DateTimeOffset.UtcNow;
        PaymentLine[] lines = [new("Frais de délivrance annuels (commerçant personne physique)", 1, null, Fee, Fee)];
        var paymentIds = new List<Guid>(count);
        for (var start = 0; start < count; start += BatchSize)
        {
            // A context per batch: the change tracker stays small.
            await using var scope = portal.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            for (var i = start; i < Math.Min(count, start + BatchSize); i++)
            {
                var request = Request.StartDraft(versionId, applicant.Id, null, now);
                // Not from the sequence: the bench's own numbers, unique in its own database.
                var trackingNumber = Request.FormatTrackingNumber(now.Year, i + 1);
                request.Submit(applicant.Id, feeDue: true, () => trackingNumber, null, now);
                var payment = Payment.Start(request.Id, applicant.Id, PaymentMethod.TMoney, SandboxGateway.ProviderName, "+22890000001", lines, now);
                db.Requests.Add(request);
                db.Payments.Add(payment);
                paymentIds.Add(payment.Id);
            }
            await db.SaveChangesAsync();
        }
        return new Prepared(applicant, paymentIds);
    }
}
