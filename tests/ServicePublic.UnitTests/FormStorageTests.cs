using Microsoft.EntityFrameworkCore;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.UnitTests;

/// <summary>How a version's form is mapped: checked on the model, without a database.</summary>
public sealed class FormStorageTests
{
    [Fact]
    public void Form_IsStoredAsJson_InTheVersionsFormColumn()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=unused").UseSnakeCaseNamingConvention().Options;
        using var db = new AppDbContext(options);

        var field = db.Model.FindEntityType(typeof(ProcedureVersion))!.FindNavigation(nameof(ProcedureVersion.Form))!.TargetEntityType;

        Assert.True(field.IsMappedToJson());
        Assert.Equal("form", field.GetContainerColumnName());
        Assert.True(field.FindNavigation(nameof(FormField.ShowWhen))!.TargetEntityType.IsMappedToJson());
        Assert.NotNull(field.FindProperty(nameof(FormField.Options)));
    }
}
