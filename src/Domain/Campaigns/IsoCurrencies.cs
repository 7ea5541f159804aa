namespace EventSourced.Domain.Campaigns;

/// <summary>
/// The active ISO 4217 alphabetic codes: List One ("current currency &amp; funds") of the maintenance agency (SIX Financial
/// Information, https://www.six-group.com/en/products-services/financial-information/data-standards.html, list_one.xml),
/// as amended up to 2026 (state checked August 2026): with XCG (Caribbean guilder, which replaced ANG), ZWG (which replaced
/// ZWL), SLE, VED, UYW and XAD; without the withdrawn BGN (euro since 2026-01-01), HRK (euro since 2023), ANG, ZWL, SLL and
/// CUC. No NuGet package served here carries the list, hence this copy; when the agency publishes an amendment, update it
/// here and in the test that pins its size.
/// </summary>
/// <remarks>
/// The funds and special codes of List One (BOV, CHE, XAU, XDR…) are kept, except the two that name no money at all: XTS
/// (reserved for testing) and XXX ("no currency involved"), which a budget cannot be in. Only new commands are checked against it; events already stored are never re-validated, so a campaign
/// recorded in a currency that is later withdrawn still replays.
/// </remarks>
public static class IsoCurrencies
{
    /// <summary>When the list above was last compared with the agency's List One (from memory of the amendments and one public
    /// copy; no machine here reaches the agency, so compare it with list_one.xml when one does).</summary>
    public const string ListState = "2026-08";

    public static IReadOnlySet<string> Active { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN",
        "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
        "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK",
        "DJF", "DKK", "DOP", "DZD",
        "EGP", "ERN", "ETB", "EUR",
        "FJD", "FKP",
        "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
        "HKD", "HNL", "HTG", "HUF",
        "IDR", "ILS", "INR", "IQD", "IRR", "ISK",
        "JMD", "JOD", "JPY",
        "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT",
        "LAK", "LBP", "LKR", "LRD", "LSL", "LYD",
        "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN",
        "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
        "OMR",
        "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG",
        "QAR",
        "RON", "RSD", "RUB", "RWF",
        "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
        "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
        "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS",
        "VED", "VES", "VND", "VUV",
        "WST",
        "XAD", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XUA",
        "YER",
        "ZAR", "ZMW", "ZWG",
    };

    /// <summary>Whether <paramref name="code"/> is an active code, exactly as ISO writes it (upper case).</summary>
    public static bool IsActive(string? code) => code is not null && Active.Contains(code);
}
