namespace Ombud.Tests.Features.Shared;

public class CsvCellTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1+cmd", "'+1+cmd")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("-5", "-5")]
    [InlineData("12,5", "12,5")]
    [InlineData("Anna; Berg", "\"Anna; Berg\"")]
    [InlineData("Säg \"hej\"", "\"Säg \"\"hej\"\"\"")]
    [InlineData("=A1;B2", "\"'=A1;B2\"")]
    [InlineData("", "")]
    public void Formulas_become_text_and_separators_are_quoted(string value, string expected) =>
        Assert.Equal(expected, CsvCell.Escape(value));
}
