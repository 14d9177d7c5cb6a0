using System.Globalization;

namespace ServicePublic.Web.Domain.Forms;

public static partial class FormDefinition
{
    /// <summary>
    /// The members of a repeatable group: the fields right after it that name it in
    /// <see cref="FormField.Group"/>. The form stays a flat list (a stored form cannot nest fields).
    /// </summary>
    public static IReadOnlyList<FormField> Members(IReadOnlyList<FormField> fields, FormField group) =>
        [.. fields.SkipWhile(f => !ReferenceEquals(f, group)).Skip(1).TakeWhile(f => f.Group == group.Key)];

    /// <summary>The key of a member's answer in block <paramref name="item"/> (from 1), as in "associe-nom.2".</summary>
    public static string ItemKey(string memberKey, int item) => string.Create(CultureInfo.InvariantCulture, $"{memberKey}.{item}");

    /// <summary>
    /// The members and the keys of their answers, block after block, for blocks 1 to <paramref name="count"/>.
    /// </summary>
    public static IEnumerable<(FormField Field, string Key)> Items(IReadOnlyList<FormField> fields, FormField group, int count)
    {
        var members = Members(fields, group);
        for (var item = 1; item <= count; item++)
        {
            foreach (var member in members)
            {
                yield return (member, ItemKey(member.Key, item));
            }
        }
    }

    /// <summary>
    /// How many blocks a group takes, at least and at most: its settings or the defaults, kept
    /// within 0 ≤ min ≤ max ≤ <see cref="FormField.MaxItemsLimit"/> even when the definition is wrong.
    /// </summary>
    public static (int Min, int Max) ItemBounds(FormField group)
    {
        var max = Math.Clamp(group.MaxItems ?? FormField.DefaultMaxItems, 0, FormField.MaxItemsLimit);
        return (Math.Clamp(group.MinItems ?? FormField.DefaultMinItems, 0, max), max);
    }

    // A group's settings, and a member's place: right after its group or the group's other members.
    private static IEnumerable<string> GroupProblems(IReadOnlyList<FormField> fields, int index)
    {
        var field = fields[index];
        if (field.Type != FieldType.Group && (field.MinItems is not null || field.MaxItems is not null))
        {
            yield return "les nombres minimal et maximal de blocs ne s'appliquent qu'aux groupes.";
        }
        if (field.Type == FieldType.Group)
        {
            var (min, max) = (field.MinItems ?? FormField.DefaultMinItems, field.MaxItems ?? FormField.DefaultMaxItems);
            if (min < 0 || max < 1 || min > max || max > FormField.MaxItemsLimit)
            {
                yield return $"les nombres de blocs doivent vérifier 0 ≤ minimum ≤ maximum ≤ {FormField.MaxItemsLimit}, avec un maximum d'au moins 1.";
            }
            if (Members(fields, field).Count == 0)
            {
                yield return "un groupe a besoin d'au moins un champ : ceux qui le suivent et le nomment comme leur groupe.";
            }
        }
        if (field.Group is not { } group)
        {
            yield break;
        }
        var previous = index > 0 ? fields[index - 1] : null;
        if (field.Type is FieldType.Section or FieldType.Group or FieldType.File)
        {
            yield return "un groupe ne contient ni section, ni groupe, ni fichier.";
        }
        else if (!(previous is { Type: FieldType.Group } && previous.Key == group) && previous?.Group != group)
        {
            yield return $"le champ fait partie du groupe « {group} », mais ne suit directement ni ce groupe, ni ses autres champs.";
        }
    }
}
