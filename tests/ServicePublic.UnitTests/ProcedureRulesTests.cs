using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.UnitTests;

/// <summary>Whether a procedure can be filed online, and which of its fields a correction may ask for.</summary>
public sealed class ProcedureRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Procedure NewProcedure(bool online)
    {
        var ministry = new Ministry("MSPC", "MSPC", "Ministère de la sécurité", "…");
        var procedure = new Procedure("passeport", ministry, null, new Category("identite", "Identité"));
        procedure.SetAvailability(online, 50);
        return procedure;
    }

    private static ProcedureContent Content(string title = "Passeport") => new(
        title, "Résumé", "Description", Audience.Individuals, null, [], ["Déposer"], [], [],
        new ProcessingTime { Text = "2 semaines", MinDays = 14 }, null, null,
        [
            new FormField { Key = "identite", Label = "Identité", Type = FieldType.Section },
            new FormField { Key = "nom", Label = "Nom", Type = FieldType.ShortText },
            new FormField { Key = "photo", Label = "Photo", Type = FieldType.File },
        ]);

    [Fact]
    public void CanBeFiledOnline_WhenOnlineAndActive()
    {
        Assert.True(NewProcedure(online: true).CanBeFiledOnline);
        Assert.False(NewProcedure(online: false).CanBeFiledOnline);
    }

    [Fact]
    public void CanBeFiledOnline_NotWhileSuspended_AgainOnceReactivated()
    {
        var procedure = NewProcedure(online: true);
        procedure.Suspend("Maintenance du système");
        var suspended = procedure.CanBeFiledOnline;
        procedure.Reactivate();

        Assert.Equal((false, true), (suspended, procedure.CanBeFiledOnline));
    }

    [Fact]
    public void CanBeFiledOnline_OnlyOnTheCurrentVersion()
    {
        var procedure = NewProcedure(online: true);
        var first = procedure.Publish(Content("Passeport"), Now)!;
        var second = procedure.Publish(Content("Passeport biométrique"), Now)!;

        Assert.False(first.CanBeFiledOnline);
        Assert.True(second.CanBeFiledOnline);
    }

    [Fact]
    public void CorrectableKeys_KeepsKnownAnswersAndDocuments_OnceEach_InTheOrderAsked()
    {
        var version = NewProcedure(online: true).Publish(Content(), Now)!;

        Assert.Equal(["nom", "photo"], version.CorrectableFields().Select(f => f.Key));
        Assert.Equal(["photo", "nom"], version.CorrectableKeys(["photo", "inconnu", "identite", "nom", "photo"]));
    }
}
