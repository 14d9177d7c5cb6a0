using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.UnitTests;

/// <summary>What a form's definition says of its repeatable groups, next to the field concerned.</summary>
public sealed class GroupProblemsTests
{
    private const string GroupMembersOnly = "un groupe ne contient ni section, ni groupe, ni fichier.";
    private const string Bounds = "les nombres de blocs doivent vérifier 0 ≤ minimum ≤ maximum ≤ 50, avec un maximum d'au moins 1.";

    private static FormField Associates(int? min = null, int? max = null) => Group("associes", "Associés", min, max);

    private static FormField Member(string key) => Text(key, "Nom").In("associes");

    public static TheoryData<string, string, FormField[]> Broken() => new()
    {
        { "associes", Bounds, [Associates(5, 2), Member("nom")] },
        { "associes", Bounds, [Associates(max: 0), Member("nom")] },
        { "associes", Bounds, [Associates(max: 51), Member("nom")] },
        { "associes", Bounds, [Associates(min: -1), Member("nom")] },
        { "associes", "un groupe a besoin d'au moins un champ : ceux qui le suivent et le nomment comme leur groupe.", [Associates(), Text("nom", "Nom")] },
        { "nom", "les nombres minimal et maximal de blocs ne s'appliquent qu'aux groupes.", [new FormField { Key = "nom", Label = "Nom", Type = FieldType.ShortText, MaxItems = 3 }] },
        { "titre", GroupMembersOnly, [Associates(), Member("nom"), Section("titre", "Titre").In("associes")] },
        { "sous-groupe", GroupMembersOnly, [Associates(), Member("nom"), Group("sous-groupe", "Sous-groupe").In("associes"), Text("x", "X").In("sous-groupe")] },
        { "statuts", GroupMembersOnly, [Associates(), Member("nom"), new FormField { Key = "statuts", Label = "Statuts", Type = FieldType.File, DocumentName = "Statuts" }.In("associes")] },
        { "prenom", "le champ fait partie du groupe « associes », mais ne suit directement ni ce groupe, ni ses autres champs.", [Associates(), Member("nom"), Text("remarques", "Remarques"), Member("prenom")] },
        { "prenom", "le champ fait partie du groupe « inconnu », mais ne suit directement ni ce groupe, ni ses autres champs.", [Text("prenom", "Prénom").In("inconnu")] },
        { "cible", "une condition ne peut pas porter sur « nom » : ni sur une section, ni sur un groupe ou l'un de ses champs, ni sur un fichier.",
            [Associates(), Member("nom"), Text("cible", "Cible").When("nom", ConditionOperator.IsNotEmpty)] },
        { "cible", "une condition ne peut pas porter sur « associes » : ni sur une section, ni sur un groupe ou l'un de ses champs, ni sur un fichier.",
            [Associates(), Member("nom"), Text("cible", "Cible").When("associes", ConditionOperator.Greater, "1")] },
        { "prenom", "une condition ne peut pas porter sur « nom » : ni sur une section, ni sur un groupe ou l'un de ses champs, ni sur un fichier.",
            [Associates(), Member("nom"), Member("prenom").When("nom", ConditionOperator.IsNotEmpty)] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Definition_SaysWhatIsWrongWithAGroup_NextToTheFieldConcerned(string field, string expected, FormField[] form)
    {
        Assert.Contains(new FormProblem(field, expected), FormDefinition.ProblemsByField(form));
    }

    [Fact]
    public void Definition_AcceptsAGroup_WhoseMembersFollowIt_AndLookAtEarlierFields()
    {
        FormField[] form =
        [
            YesNo("societe", "Pour une société ?"),
            Associates(0, 50),
            Member("nom"),
            Number("parts", "Parts", "%", 0, 100).In("associes").When("societe", ConditionOperator.Equals, "oui"),
            Rccm("rccm", "RCCM", required: false).In("associes"),
            Text("remarques", "Remarques"),
            Group("gerants", "Gérants"),
            Text("gerant-nom", "Nom").In("gerants"),
        ];

        Assert.Empty(FormDefinition.ProblemsByField(form));
    }
}
