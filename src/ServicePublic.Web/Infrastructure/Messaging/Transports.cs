using System.Net.Http.Json;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ServicePublic.Web.Infrastructure.Messaging;

public interface IEmailTransport
{
    /// <summary>True when nothing leaves the portal and the outbox is where messages are read: their bodies are then kept.</summary>
    bool KeepsMessagesInOutbox => false;

    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

public interface ISmsSender
{
    /// <summary>True when nothing leaves the portal and the outbox is where messages are read: their bodies are then kept.</summary>
    bool KeepsMessagesInOutbox => false;

    /// <summary>Sends one SMS; returns the provider's id for it, which its delivery receipts name (null when it gave none).</summary>
    Task<string?> SendAsync(string to, string message, CancellationToken ct);
}

public sealed class SmtpOptions
{
    public const string Section = "Email:Smtp";
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool UseStartTls { get; set; } = true;
    public string From { get; set; } = "ServicePublic <no-reply@service-public.tg>";
}

internal sealed class SmtpEmailTransport(IOptions<SmtpOptions> options) : IEmailTransport
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host!, settings.Port, settings.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

public sealed class HttpSmsOptions
{
    public const string Section = "Sms:Http";

    /// <summary>
    /// The provider's endpoint; it receives POST {"to": "+228…", "message": "…"} with a bearer token,
    /// and answers {"id": "…"}, the id its delivery receipts to /api/sms/statut will name.
    /// </summary>
    public string? Url { get; set; }
    public string? Token { get; set; }
    public string Sender { get; set; } = "ServicePub";
}

/// <summary>An HTTP SMS gateway adapter: one JSON POST per message, bearer token from configuration.</summary>
internal sealed class HttpSmsSender(HttpClient http, IOptions<HttpSmsOptions> options) : ISmsSender
{
    public async Task<string?> SendAsync(string to, string message, CancellationToken ct)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
        {
            Content = JsonContent.Create(new { to, message, sender = settings.Sender }),
        };
        if (!string.IsNullOrEmpty(settings.Token))
        {
            request.Headers.Authorization = new("Bearer", settings.Token);
        }
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await MessageIdAsync(response, ct);
    }

    /// <summary>
    /// The "id" of the provider's JSON answer (a string or a number). The provider has accepted the
    /// SMS whatever its answer says: one it did not give an id for is sent all the same, and awaits no receipt.
    /// </summary>
    private static async Task<string?> MessageIdAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id)
                ? id.ValueKind switch
                {
                    JsonValueKind.String => id.GetString(),
                    JsonValueKind.Number => id.GetRawText(),
                    _ => null,
                }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// No transport configured: in development and tests the message stays in the outbox, readable at
/// /dev/messages, and an SMS gets a made-up provider id, so that /dev/messages can simulate its
/// receipt. In Production nobody reads it there, so its body is erased like a delivered one's,
/// and no receipt is awaited.
/// </summary>
internal sealed class KeptInOutboxTransport(ILogger<KeptInOutboxTransport> logger, bool keepsMessages) : IEmailTransport, ISmsSender
{
    public bool KeepsMessagesInOutbox => keepsMessages;

    public Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        logger.LogInformation("Email {Subject} kept in the outbox (no SMTP server configured)", subject);
        return Task.CompletedTask;
    }

    public Task<string?> SendAsync(string to, string message, CancellationToken ct)
    {
        logger.LogInformation("SMS kept in the outbox (no SMS gateway configured)");
        return Task.FromResult(keepsMessages ? "dev-" + Guid.NewGuid().ToString("N") : null);
    }
}
