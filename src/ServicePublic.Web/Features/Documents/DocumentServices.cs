using ServicePublic.Web.Infrastructure.Signing;

namespace ServicePublic.Web.Features.Documents;

/// <summary>
/// Issued documents and their signing key: Documents:SigningKey or Documents:SigningKeyPath,
/// loaded as <see cref="SigningKeys"/> says (required outside Development and Testing).
/// </summary>
internal static class DocumentServices
{
    public const string KeySetting = "Documents:SigningKey";
    public const string KeyPathSetting = "Documents:SigningKeyPath";

    public static void AddDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new DocumentSigner(SigningKeys.Load(builder.Configuration, builder.Environment, KeySetting, KeyPathSetting, "document-signing-key.pem", "issued documents")));
        builder.Services.AddScoped<IssuedDocuments>();
        builder.Services.AddScoped<DocumentQueries>();
    }
}
