namespace ServicePublic.Web.Features.Payments;

/// <summary>What the adapters of real providers (PayGate, CinetPay) do alike.</summary>
public static class ProviderAdapters
{
    /// <summary>
    /// A callback taken only as a name: which payment to ask about. The outcome comes from the
    /// provider's status API (<paramref name="ask"/>), never from the callback itself.
    /// </summary>
    public static async Task<CallbackReading> AskAboutAsync(string? paymentId, Func<Guid, CancellationToken, Task<ProviderReport>> ask, CancellationToken ct) =>
        Guid.TryParse(paymentId, out var id)
            ? CallbackReading.Verified(id, await ask(id, ct))
            : CallbackReading.Refused("identifiant de paiement illisible");

    /// <summary>A provider without a refund API: the refund is recorded, for someone to make from the merchant account.</summary>
    public static Task<GatewayRefund> ManualRefund(string provider, string how) =>
        Task.FromResult(new GatewayRefund(false, null, $"Remboursement à effectuer manuellement : {provider} n'offre pas de remboursement par API. {how}"));
}
