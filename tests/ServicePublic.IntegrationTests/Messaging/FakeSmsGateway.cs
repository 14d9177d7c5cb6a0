using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServicePublic.IntegrationTests.Payments;

namespace ServicePublic.IntegrationTests.Messaging;

/// <summary>
/// An SMS gateway as <c>HttpSmsSender</c> expects one: POST {"to","message","sender"} with a bearer
/// token, answered {"id": "gw-…"}; numbers in <see cref="WithoutIds"/> get an answer without an id.
/// </summary>
public sealed class FakeSmsGateway : FakeProvider
{
    public const string Path = "/sms";
    public const string Token = "gateway-test-token-0123456789";

    private long _nextId;

    public ConcurrentDictionary<string, bool> WithoutIds { get; } = new();

    /// <summary>The texts it was asked to send to <paramref name="to"/>, in order.</summary>
    public IReadOnlyList<string> SentTo(string to) =>
        [.. Server.To(Path).Where(r => r.Field("to") == to).Select(r => r.Field("message"))];

    protected override void Map(IEndpointRouteBuilder app) => app.MapPost(Path, async (HttpRequest request) =>
    {
        if (request.Headers.Authorization != $"Bearer {Token}" || await LoopbackServer.ReadJsonAsync(request) is not { } json)
        {
            return Results.Unauthorized();
        }
        return WithoutIds.ContainsKey(LoopbackServer.Text(json, "to") ?? "")
            ? Results.Json(new { status = "queued" })
            : Results.Json(new { id = $"gw-{Interlocked.Increment(ref _nextId)}", status = "queued" });
    });
}
