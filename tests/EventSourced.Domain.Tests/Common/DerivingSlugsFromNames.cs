using EventSourced.Domain.Common;

namespace EventSourced.Domain.Tests.Common;

/// <summary>Slugs derived from free text (program keys), and the first free one when a slug is taken.</summary>
public class DerivingSlugsFromNames
{
    private const string Fallback = "program";

    [Theory]
    [InlineData("Mentorship for Syrian Refugees 2024", "mentorship-for-syrian-refugees-2024")]
    [InlineData("Café Élan", "cafe-elan")]
    [InlineData("Ünïcödé Çàfé Naïve", "unicode-cafe-naive")]
    [InlineData("Tech & Career: Q1/2025 (Berlin)!", "tech-career-q1-2025-berlin")]
    [InlineData("  --Leading and trailing--  ", "leading-and-trailing")]
    [InlineData("many   spaces\tand\nnewlines", "many-spaces-and-newlines")]
    [InlineData("snake_case_name", "snake-case-name")]
    [InlineData("already-a-slug", "already-a-slug")]
    [InlineData("UPPER", "upper")]
    [InlineData("Программа Berlin", "berlin")]
    [InlineData("Straße in Łódź, Ærø", "strasse-in-lodz-aero")]
    public void GivenName_WhenSlugged_ThenItIsLowercaseWithSingleHyphens(string name, string expected)
    {
        var slug = SlugFrom.Text(name, Fallback);

        slug.ShouldBe(expected);
        Slug.IsValid(slug).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Программа наставничества")]
    [InlineData("برنامج الإرشاد")]
    [InlineData("导师计划")]
    [InlineData("!!! ??? ---")]
    [InlineData("")]
    [InlineData("   ")]
    public void GivenNameWithNothingSluggable_WhenSlugged_ThenTheFallbackIsUsed(string name)
    {
        SlugFrom.Text(name, Fallback).ShouldBe(Fallback);
    }

    [Fact]
    public void GivenLongName_WhenSlugged_ThenItIsCappedAt80Characters()
    {
        var slug = SlugFrom.Text(new string('a', 100), Fallback);

        slug.ShouldBe(new string('a', 80));
        SlugFrom.MaxLength.ShouldBe(80);
    }

    [Fact]
    public void GivenLongNameWhoseCutFallsOnAHyphen_WhenSlugged_ThenTheTrailingHyphenIsDropped()
    {
        var name = new string('a', 79) + " " + new string('b', 30);

        var slug = SlugFrom.Text(name, Fallback);

        slug.ShouldBe(new string('a', 79));
        Slug.IsValid(slug).ShouldBeTrue();
    }

    [Fact]
    public void GivenLongNameWithPunctuation_WhenSlugged_ThenTheCapAppliesAfterCollapsing()
    {
        var name = string.Concat(Enumerable.Repeat("ab!!! ", 20)); // "ab-" ×20 once collapsed = 59 characters

        SlugFrom.Text(name, Fallback).ShouldBe(string.Join('-', Enumerable.Repeat("ab", 20)));
    }

    [Fact]
    public void GivenFreeSlug_WhenFirstFreeIsAsked_ThenItIsTheSlugItself()
    {
        SlugFrom.FirstFree("mentorship", new HashSet<string> { "mentorship-2", "other" }).ShouldBe("mentorship");
    }

    [Fact]
    public void GivenTakenSlug_WhenFirstFreeIsAsked_ThenTheSuffixStartsAtTwo()
    {
        SlugFrom.FirstFree("mentorship", new HashSet<string> { "mentorship" }).ShouldBe("mentorship-2");
    }

    [Fact]
    public void GivenSlugAndSuffixTwoTaken_WhenFirstFreeIsAsked_ThenItIsSuffixThree()
    {
        SlugFrom.FirstFree("mentorship", new HashSet<string> { "mentorship", "mentorship-2" }).ShouldBe("mentorship-3");
    }

    [Fact]
    public void GivenAGapInTheSuffixes_WhenFirstFreeIsAsked_ThenTheGapIsFilled()
    {
        SlugFrom.FirstFree("mentorship", new HashSet<string> { "mentorship", "mentorship-3", "mentorship-4" }).ShouldBe("mentorship-2");
    }
}
