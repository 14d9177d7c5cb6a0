using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.IntegrationTests.Requests;

[Collection(PortalCollection.Name)]
public sealed class RequestPersistenceTests(PortalFixture portal)
{
    private async Task<Guid> NewDraftAsync()
    {
        var user = await portal.Factory.CreateAsync();
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var version = await db.ProcedureVersions.Where(v => v.IsCurrent && v.Procedure.Slug == "carte-importateur").Select(v => v.Id).SingleAsync();
        var request = Request.StartDraft(version, user.Id, null, DateTimeOffset.UtcNow);
        request.SaveAnswers(new Dictionary<string, string?> { ["activite"] = "Import de pièces détachées", ["vide"] = " " }, DateTimeOffset.UtcNow);
        db.Requests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    [Fact]
    public async Task ARequest_KeepsItsAnswersHistoryAndANumberFromTheSequence()
    {
        var id = await NewDraftAsync();

        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var number = await scope.ServiceProvider.GetRequiredService<TrackingNumbers>().NextAsync();
            var request = await db.Requests.Include(r => r.Events).SingleAsync(r => r.Id == id);
            request.Submit(request.ApplicantId, feeDue: false, () => number, 30, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        await using var check = portal.Factory.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<AppDbContext>().Requests.Include(r => r.Events).AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(RequestStatus.Submitted, stored.Status);
        Assert.Matches($@"^TG-{DateTime.UtcNow.Year}-\d{{8}}$", stored.TrackingNumber);
        Assert.Equal("Import de pièces détachées", stored.Answers["activite"]);
        Assert.Null(stored.Answers["vide"]);
        Assert.Single(stored.Events);
    }

    [Fact]
    public async Task TrackingNumbers_AreUnique_UnderConcurrency()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var scope = portal.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TrackingNumbers>().NextAsync();
        }));

        Assert.Equal(20, numbers.Distinct().Count());
    }

    [Fact]
    public async Task TwoPeopleChangingTheSameRequest_CannotBothWin()
    {
        var id = await NewDraftAsync();
        await using var first = portal.Factory.Services.CreateAsyncScope();
        await using var second = portal.Factory.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<AppDbContext>();
        var copy1 = await db1.Requests.SingleAsync(r => r.Id == id);
        var copy2 = await db2.Requests.SingleAsync(r => r.Id == id);

        copy1.SaveAnswers(new Dictionary<string, string?> { ["activite"] = "Première version" }, DateTimeOffset.UtcNow);
        await db1.SaveChangesAsync();
        copy2.SaveAnswers(new Dictionary<string, string?> { ["activite"] = "Seconde version" }, DateTimeOffset.UtcNow);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
    }
}
