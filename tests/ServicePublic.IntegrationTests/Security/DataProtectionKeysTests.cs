using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.IntegrationTests.Hosts;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;

namespace ServicePublic.IntegrationTests.Security;

/// <summary>The Data Protection keys stored in PostgreSQL are encrypted with a certificate, and Production insists on it.</summary>
[Collection(PortalCollection.Name)]
public sealed class DataProtectionKeysTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public void Production_WithoutACertificate_RefusesToStart_SayingWhy()
    {
        var settings = TestCertificates.Production();
        settings.Remove("DataProtection:CertificatePath");
        using var production = new PortalFactory(Portal.ConnectionString, settings: settings);

        var failure = StartupFailure.Of(production);

        Assert.Contains("DataProtection:CertificatePath is not set", failure, StringComparison.Ordinal);
        Assert.Contains("stored encrypted", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithACertificate_StoresItsKeysEncrypted()
    {
        using var production = new PortalFactory(Portal.ConnectionString, settings: TestCertificates.Production());
        production.Start();

        var key = production.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        var xml = await production.WithDbAsync(db => db.DataProtectionKeys.Where(k => k.FriendlyName == $"key-{key.KeyId:D}").Select(k => k.Xml).SingleAsync());

        Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        Assert.Contains("X509Data", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificateThatCannotBeOpened_StopsTheStart_SayingWhy()
    {
        var settings = TestCertificates.DataProtection();
        settings["DataProtection:CertificatePassword"] = "not-the-password";
        using var node = new PortalFactory(Portal.ConnectionString, settings: settings);

        var failure = StartupFailure.Of(node);

        Assert.Contains("cannot be opened with DataProtection:CertificatePassword", failure, StringComparison.Ordinal);
    }
}
