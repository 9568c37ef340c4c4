using System.Text.RegularExpressions;

namespace Ombud.Tests.Conventions;

/// <summary>
/// docs/data-inventory.md tags every stored field. This walks the EF model and fails when a table or a column is not
/// named in the inventory, so a new field cannot be stored without being tagged.
/// </summary>
public class DataInventoryTests
{
    /// <summary>On every editable record; described once at the end of the inventory.</summary>
    private static readonly HashSet<string> Everywhere = ["Version"];

    [Fact]
    public async Task Every_table_and_column_in_the_model_is_named_in_the_data_inventory()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "docs", "data-inventory.md"));
        var sections = Regex.Split(doc, @"(?m)^## ").Skip(1).Select(s => (Heading: s[..s.IndexOf('\n')], Text: s)).ToList();

        await using var t = await TestDb.CreateAsync(seedCategories: false);
        await using var db = await t.Factory.CreateDbContextAsync();
        var missing = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null) continue;
            var quoted = $"`{table}`";
            // A table has its own section (named in the heading) or a row of its own (e.g. the reference data).
            var text = sections.Where(s => s.Heading.Contains(quoted)).Select(s => s.Text).FirstOrDefault()
                ?? doc.Split('\n').FirstOrDefault(line => line.StartsWith('|') && line.Contains(quoted));
            if (text is null)
            {
                missing.Add(table);
                continue;
            }
            if (entity.IsPropertyBag) continue; // a many-to-many join table: two keys, described with its navigation
            missing.AddRange(entity.GetProperties().Select(p => p.Name)
                .Where(name => !Everywhere.Contains(name) && !Regex.IsMatch(text, $@"\b{Regex.Escape(name)}\b"))
                .Select(name => $"{table}.{name}"));
        }
        Assert.True(missing.Count == 0, "Not in docs/data-inventory.md: " + string.Join(", ", missing));
        Assert.Contains("`Version`", doc);
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ombud.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ombud.sln not found above " + AppContext.BaseDirectory);
    }
}
