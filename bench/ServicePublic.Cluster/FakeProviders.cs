using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ServicePublic.Cluster;

/// <summary>
/// What the two nodes talk to outside: an SMS gateway (the portal's HTTP SMS adapter, Sms:Http) and
/// PayGate's status API (Payments:PayGate:BaseUrl), on one loopback port. Each node is configured
/// with a token of its own (node-a, node-b), so every delivery and every status question is
/// counted with the node that made it. Status questions are answered "still pending" (PayGate's 2):
/// the payment stays as it is, leased until its next check.
/// </summary>
public sealed class FakeProviders : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>SMS received: (node's token, message text).</summary>
    public ConcurrentQueue<(string Node, string Text)> Sms { get; } = new();

    /// <summary>PayGate status questions: (node's token, payment identifier).</summary>
    public ConcurrentQueue<(string Node, string PaymentId)> StatusQuestions { get; } = new();

    private FakeProviders(WebApplication app) => _app = app;

    public static async Task<FakeProviders> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var providers = new FakeProviders(app);
        app.MapPost("/sms", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var node = request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
            providers.Sms.Enqueue((node, body.RootElement.GetProperty("message").GetString() ?? ""));
            return Results.Ok();
        });
        app.MapPost("/api/v2/status", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var node = body.RootElement.GetProperty("auth_token").GetString() ?? "";
            var id = body.RootElement.GetProperty("identifier").GetString() ?? "";
            providers.StatusQuestions.Enqueue((node, id));
            return Results.Text(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["tx_reference"] = null,
                ["identifier"] = id,
                ["payment_reference"] = null,
                ["status"] = 2,
            }), "application/json");
        });
        await app.StartAsync();
        return providers;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
