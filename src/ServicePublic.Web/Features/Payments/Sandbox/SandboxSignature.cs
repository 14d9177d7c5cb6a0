using ServicePublic.Web.Infrastructure.Webhooks;

namespace ServicePublic.Web.Features.Payments.Sandbox;

/// <summary>The sandbox's callback signature: header <c>X-Sandbox-Signature</c>, as <see cref="WebhookSignature"/> makes it.</summary>
public static class SandboxSignature
{
    public const string Header = "X-Sandbox-Signature";

    public static string Sign(string secret, string body, DateTimeOffset at) => WebhookSignature.Sign(secret, body, at);

    /// <summary>Null when valid; otherwise why not.</summary>
    public static string? Check(string secret, string body, string? header, DateTimeOffset now, TimeSpan tolerance) =>
        WebhookSignature.Check(secret, body, header, now, tolerance);
}
