using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Payments;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.IntegrationTests.Payments;

/// <summary>The whole portal with a real provider's adapter, pointed at a fake provider.</summary>
internal static class ProviderPortal
{
    public const long Fee = 25_000;

    public static async Task<PortalFactory> StartAsync(string databasePrefix, Dictionary<string, string> settings)
    {
        var portal = new PortalFactory(await TestDatabase.CreateAsync(databasePrefix), settings: settings);
        portal.Start();
        return portal;
    }

    /// <summary>One line of <see cref="Fee"/> FCFA.</summary>
    public static Payment NewPayment(PaymentMethod method, string provider, string? phone, long amount = Fee, Guid? requestId = null, string payerId = "usager-1") =>
        Payment.Start(requestId ?? Guid.NewGuid(), payerId, method, provider, phone,
            [new PaymentLine("Carte d'importateur", 1, null, amount, amount)], DateTimeOffset.UtcNow);

    public static GatewayStartRequest StartRequest(Payment payment) =>
        new(payment, "Carte d'importateur – TG-2026-00000012 & frais", $"http://portail.test/api/paiements/{payment.Provider}/notification",
            "http://portail.test/demandes/TG-2026-00000012/paiement?retour=true", "Afi Mensah", "afi@exemple.tg");

    /// <summary>
    /// A request awaiting its fee (filed through the domain), and a payment by <paramref name="method"/>
    /// registered with the provider by the portal's own adapter, as the payment page would.
    /// </summary>
    public static async Task<(Payment Payment, Request Request)> AwaitingPaymentAsync(this PortalFactory portal, PaymentMethod method, string? phone)
    {
        var user = await portal.CreateAsync(phone: phone);
        var request = await portal.FileAsync(user, "carte-importateur", submit: false, beforeSubmit: async (draft, services) =>
        {
            var number = await services.GetRequiredService<TrackingNumbers>().NextAsync();
            draft.Submit(user.Id, feeDue: true, () => number, 15, DateTimeOffset.UtcNow);
        });
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var gateway = scope.ServiceProvider.GetRequiredService<PaymentGateways>().For(method)
            ?? throw new InvalidOperationException($"No provider configured for {method}");
        var payment = NewPayment(method, gateway.Name, phone, requestId: request.Id, payerId: user.Id);
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        await gateway.RegisterAsync(payment);
        await db.SaveChangesAsync();
        return (payment, request);
    }

    /// <summary>Starts <paramref name="payment"/> with the provider, which must accept it, and records its reference.</summary>
    public static async Task<Payment> RegisterAsync(this IPaymentGateway gateway, Payment payment)
    {
        var start = await gateway.StartAsync(StartRequest(payment), default);
        Assert.True(start.Accepted, start.Refusal);
        payment.Registered(start.ProviderReference, start.CheckoutUrl, DateTimeOffset.UtcNow);
        return payment;
    }

    /// <summary>The payment as the table payments has it now.</summary>
    public static async Task<Payment> PaymentAsync(this PortalFactory portal, Guid id)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    public static async Task<RequestStatus> RequestStatusAsync(this PortalFactory portal, Guid requestId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Requests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync();
    }
}
