using SommeNumerique.Saas.Domain;

namespace SommeNumerique.Saas.Domain.Tests;

/// <summary>The XML 1.0 character rule shared by the validation of free text and the PES/UBL writers (issue 11, item 3).</summary>
public class TextValuesXmlTests
{
    [Theory]
    [InlineData("Mairie d'Ercourt, 1 rue de l'Église")]
    [InlineData("Ligne 1\r\nLigne 2\tcolonne")]
    [InlineData("Emoji \U0001F600 et € \uFFFD")]
    [InlineData("")]
    public void Text_made_of_XML_characters_is_safe_and_kept_as_is(string text)
    {
        Assert.True(TextValues.IsXmlSafe(text));
        Assert.Same(text, TextValues.XmlSafe(text));
    }

    [Theory]
    [InlineData("Mairie\u0001", "Mairie ")]
    [InlineData("\u0000a\u001Fb\u000B", " a b ")]
    [InlineData("x\uFFFEy\uFFFF", "x y ")]
    public void Characters_outside_XML_1_0_are_refused_and_replaced_by_a_space(string text, string cleaned)
    {
        Assert.False(TextValues.IsXmlSafe(text));
        Assert.Equal(cleaned, TextValues.XmlSafe(text));
        Assert.True(TextValues.IsXmlSafe(TextValues.XmlSafe(text)));
    }

    // Lone surrogates built in code: attribute arguments are stored in UTF-8, where a lone surrogate does not survive.
    [Fact]
    public void A_lone_surrogate_is_refused_and_replaced_but_a_pair_is_kept()
    {
        var high = "lone " + (char)0xD83D + " high";
        var low = "lone " + (char)0xDE00;
        var pairThenLone = "\U0001F600" + (char)0xDE00;

        Assert.All([high, low, pairThenLone], text => Assert.False(TextValues.IsXmlSafe(text)));
        Assert.Equal("lone   high", TextValues.XmlSafe(high));
        Assert.Equal("lone  ", TextValues.XmlSafe(low));
        Assert.Equal("\U0001F600 ", TextValues.XmlSafe(pairThenLone));
    }
}
