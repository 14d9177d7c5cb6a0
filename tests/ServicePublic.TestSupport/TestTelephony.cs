using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.Web.Features.Telephone;
using ServicePublic.Web.Infrastructure.Webhooks;

namespace ServicePublic.TestSupport;

/// <summary>The SMS and USSD aggregator as tests play it.</summary>
public static class TestTelephony
{
    /// <summary>
    /// Posts a form-encoded <paramref name="body"/> signed with <paramref name="secret"/> (the portal's by
    /// default), as the aggregator would, at the portal's time (a test may have moved its clock).
    /// </summary>
    public static async Task<HttpResponseMessage> PostSignedAsync(this PortalFactory portal, string path, string body, string secret = PortalFactory.TelephonySecret)
    {
        var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        content.Headers.Add(TelephoneOptions.SignatureHeader, WebhookSignature.Sign(secret, body, now));
        return await portal.CreatePortalClient().PostAsync(path, content);
    }
}
