using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;

namespace ServicePublic.IntegrationTests.Catalogue;

/// <summary>
/// How many SQL commands a catalogue page sends once its short-lived caches are warm: a list page
/// reads its rows and its cards, a search calls the search function once, a procedure page reads
/// what it shows and not the form behind it.
/// </summary>
public sealed partial class CatalogueQueryCountTests(CatalogueQueryCountTests.CountingPortal portal) : IClassFixture<CatalogueQueryCountTests.CountingPortal>
{
    [Fact]
    public async Task CataloguePage_SendsTwoCommands_OneForItsRowsAndCountsOneForItsCards()
    {
        var commands = await portal.CommandsOfAsync("/demarches?page=2");

        Assert.Equal(2, commands.Count);
        Assert.DoesNotContain(commands, c => c.Contains("search_procedure_versions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FilteredCataloguePage_SendsTwoCommands()
    {
        var commands = await portal.CommandsOfAsync("/demarches?ministere=MDERM&public=entreprises&categorie=mines-carrieres");

        Assert.Equal(2, commands.Count);
    }

    [Fact]
    public async Task SearchPage_CallsTheSearchFunctionOnce_InTwoCommands()
    {
        var commands = await portal.CommandsOfAsync("/demarches?q=permis%20exploitation&public=entreprises");

        Assert.Equal(2, commands.Count);
        Assert.Single(commands, c => c.Contains("search_procedure_versions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchPage_WithoutResults_SendsOneCommand()
    {
        var commands = await portal.CommandsOfAsync("/demarches?q=zzqqxxyy");

        Assert.Single(commands);
    }

    [Fact]
    public async Task ProcedurePage_SendsOneCommand_WithoutReadingTheForm()
    {
        var commands = await portal.CommandsOfAsync("/demarches/permis-exploitation-miniere-grande-echelle");

        var command = Assert.Single(commands);
        Assert.DoesNotMatch(FormColumn(), command);
    }

    [Fact]
    public async Task HomeAndMinistryPages_SendTwoCommandsEach()
    {
        Assert.Equal(2, (await portal.CommandsOfAsync("/")).Count);
        Assert.Equal(2, (await portal.CommandsOfAsync("/ministeres/MDERM")).Count);
        Assert.Single(await portal.CommandsOfAsync("/ministeres"));
    }

    [GeneratedRegex(@"\.form\b")]
    private static partial Regex FormColumn();

    /// <summary>A portal of its own whose database commands are recorded per request (a header names the request).</summary>
    public sealed class CountingPortal : IAsyncLifetime
    {
        private const string Header = "X-Test-Count";
        private readonly CommandRecorder _recorder = new();
        private PortalFactory _factory = null!;
        private WebApplicationFactory<Program> _counting = null!;

        public async Task InitializeAsync()
        {
            _factory = new PortalFactory(await TestDatabase.CreateAsync("sp_count"));
            _counting = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
                services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(_recorder))));
            _ = _counting.Server;
        }

        /// <summary>The commands sent for <paramref name="url"/> the second time it is asked (caches warm).</summary>
        public async Task<IReadOnlyList<string>> CommandsOfAsync(string url)
        {
            using var client = _counting.CreateClient();
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
            var id = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add(Header, id);
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
            return _recorder.Of(id);
        }

        public async Task DisposeAsync()
        {
            await _counting.DisposeAsync();
            await _factory.DisposeAsync();
        }

        private sealed class CommandRecorder : DbCommandInterceptor
        {
            private readonly HttpContextAccessor _http = new();
            private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _commands = new();

            public IReadOnlyList<string> Of(string id) => _commands.TryGetValue(id, out var list) ? [.. list] : [];

            // Once per command sent, whatever it returns (EF sets its text before this call).
            public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
            {
                Record(result);
                return result;
            }

            private void Record(DbCommand command)
            {
                if (_http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } id)
                {
                    _commands.GetOrAdd(id, _ => new ConcurrentQueue<string>()).Enqueue(command.CommandText);
                }
            }
        }
    }
}
