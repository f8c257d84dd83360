//! XML Schema 1.1 `dateTime` and `dateTimeStamp` lexical forms, as proofs' `created` and
//! `expires` must be (W3C XML Schema Definition Language 1.1 Part 2, sections 3.3.7 and 3.4.28).

/// Whether `text` is an XML Schema 1.1 `dateTime` (`2023-02-24T23:36:38Z`, fractions of a second
/// and a time zone optional), or with `timezone_required` a `dateTimeStamp` (time zone
/// required). The day must exist in its month (29 February only in leap years); `24:00:00` is
/// the end of the day; seconds stop at 59 (XML Schema has no leap second).
pub(crate) fn is_date_time(text: &str, timezone_required: bool) -> bool {
    let mut rest = text.as_bytes();
    let negative = take(&mut rest, b'-');
    // yearFrag ::= '-'? (([1-9] digit digit digit+)) | ('0' digit digit digit))
    let year = digits(&mut rest);
    if year.len() < 4 || (year.len() > 4 && year[0] == b'0') {
        return false;
    }
    let Some(month) = two_digits(&mut rest, b'-') else {
        return false;
    };
    let Some(day) = two_digits(&mut rest, b'-') else {
        return false;
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, negative, month) {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (
        two_digits(&mut rest, b'T'),
        two_digits(&mut rest, b':'),
        two_digits(&mut rest, b':'),
    ) else {
        return false;
    };
    let mut fraction: &[u8] = &[];
    if take(&mut rest, b'.') {
        fraction = digits(&mut rest);
        if fraction.is_empty() {
            return false;
        }
    }
    let end_of_day =
        hour == 24 && minute == 0 && second == 0 && fraction.iter().all(|d| *d == b'0');
    if !((hour < 24 && minute < 60 && second < 60) || end_of_day) {
        return false;
    }
    match rest {
        [] => !timezone_required,
        [b'Z'] => true,
        [b'+' | b'-', offset @ ..] => {
            let mut offset = offset;
            let hours = two_digits(&mut offset, 0);
            let minutes = two_digits(&mut offset, b':');
            matches!((hours, minutes), (Some(h), Some(m)) if offset.is_empty() && ((h < 14 && m < 60) || (h == 14 && m == 0)))
        }
        _ => false,
    }
}

/// The instant an XML Schema `dateTime` names, in milliseconds since the Unix epoch (a
/// time without zone read as UTC); none when `text` is not one ([`is_date_time`]). Years of
/// more than twelve digits are taken as the farthest past or future.
pub(crate) fn instant_millis(text: &str) -> Option<i128> {
    if !is_date_time(text, false) {
        return None;
    }
    let mut rest = text.as_bytes();
    let negative = take(&mut rest, b'-');
    let year_digits = digits(&mut rest);
    if year_digits.len() > 12 {
        return Some(if negative {
            i128::MIN / 4
        } else {
            i128::MAX / 4
        });
    }
    let year = year_digits
        .iter()
        .fold(0i128, |n, d| n * 10 + i128::from(d - b'0'));
    let year = if negative { -year } else { year };
    let field = |rest: &mut &[u8], separator| two_digits(rest, separator).map(i128::from);
    let (month, day) = (field(&mut rest, b'-')?, field(&mut rest, b'-')?);
    let (hour, minute, second) = (
        field(&mut rest, b'T')?,
        field(&mut rest, b':')?,
        field(&mut rest, b':')?,
    );
    let mut millis = 0;
    if take(&mut rest, b'.') {
        for (i, d) in digits(&mut rest).iter().take(3).enumerate() {
            millis += i128::from(d - b'0') * [100, 10, 1][i];
        }
    }
    let offset = match rest {
        [sign @ (b'+' | b'-'), ..] => {
            let mut zone = &rest[1..];
            let minutes = field(&mut zone, 0)? * 60 + field(&mut zone, b':')?;
            if *sign == b'+' { minutes } else { -minutes }
        }
        _ => 0,
    };
    // Days from civil date, after Howard Hinnant's `days_from_civil`.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset * 60;
    Some(seconds * 1_000 + millis)
}

/// Consumes `byte` if `rest` starts with it.
fn take(rest: &mut &[u8], byte: u8) -> bool {
    match rest.split_first() {
        Some((first, tail)) if *first == byte => {
            *rest = tail;
            true
        }
        _ => false,
    }
}

/// Consumes and returns the leading ASCII digits.
fn digits<'a>(rest: &mut &'a [u8]) -> &'a [u8] {
    let count = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let (digits, tail) = rest.split_at(count);
    *rest = tail;
    digits
}

/// Consumes `separator` (none when 0) and two digits, and returns their value.
fn two_digits(rest: &mut &[u8], separator: u8) -> Option<u32> {
    if separator != 0 && !take(rest, separator) {
        return None;
    }
    match rest {
        [tens @ b'0'..=b'9', units @ b'0'..=b'9', tail @ ..] => {
            *rest = tail;
            Some(u32::from(tens - b'0') * 10 + u32::from(units - b'0'))
        }
        _ => None,
    }
}

/// Days in `month` of the year written `year` (decimal digits, any length), in the proleptic
/// Gregorian calendar with a year zero, as XML Schema 1.1 counts (`0000` and `-0004` are leap).
fn days_in_month(year: &[u8], negative: bool, month: u32) -> u32 {
    match month {
        2 => {
            let remainder = year
                .iter()
                .fold(0u32, |acc, d| (acc * 10 + u32::from(d - b'0')) % 400);
            let remainder = if negative {
                (400 - remainder) % 400
            } else {
                remainder
            };
            let leap = remainder % 4 == 0 && (remainder % 100 != 0 || remainder == 0);
            if leap { 29 } else { 28 }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::{instant_millis, is_date_time};

    #[test]
    fn instants() {
        let epoch = |text| instant_millis(text).map(|m| m as i64);
        assert_eq!(epoch("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(epoch("1970-01-01T00:00:00"), Some(0));
        assert_eq!(epoch("1970-01-01T01:00:00.5+01:00"), Some(500));
        assert_eq!(epoch("2026-11-20T10:00:00Z"), Some(1_795_168_800_000));
        assert_eq!(epoch("1969-12-31T24:00:00Z"), Some(0));
        assert!(instant_millis("9999999999999-01-01T00:00:00Z").unwrap() > 1 << 100);
        assert!(instant_millis("-9999999999999-01-01T00:00:00Z").unwrap() < -(1 << 100));
        assert_eq!(instant_millis("not a date"), None);
    }

    #[test]
    fn date_times() {
        // (text, is a dateTime, is a dateTimeStamp)
        for (text, date_time, stamp) in [
            ("2023-02-24T23:36:38Z", true, true),
            ("2023-02-24T23:36:38", true, false),
            ("2023-02-24T23:36:38.5+01:00", true, true),
            ("2023-02-24T23:36:38.123456789-14:00", true, true),
            ("2024-02-29T00:00:00Z", true, true),
            ("2000-02-29T00:00:00Z", true, true),
            ("0000-02-29T00:00:00Z", true, true),
            ("-0004-02-29T00:00:00Z", true, true),
            ("12023-01-01T00:00:00Z", true, true),
            ("2023-12-31T24:00:00Z", true, true),
            ("2023-12-31T24:00:00.000Z", true, true),
            ("2023-02-29T00:00:00Z", false, false),
            ("1900-02-29T00:00:00Z", false, false),
            ("2023-04-31T00:00:00Z", false, false),
            ("2023-13-01T00:00:00Z", false, false),
            ("2023-00-01T00:00:00Z", false, false),
            ("2023-01-00T00:00:00Z", false, false),
            ("2023-01-01T24:00:01Z", false, false),
            ("2023-01-01T23:60:00Z", false, false),
            ("2023-01-01T23:59:60Z", false, false),
            ("2023-01-01T23:59:59.Z", false, false),
            ("2023-01-01T23:59:59+14:01", false, false),
            ("2023-01-01T23:59:59+15:00", false, false),
            ("2023-01-01T23:59:59+0100", false, false),
            ("2023-01-01T23:59:59z", false, false),
            ("2023-01-01 23:59:59Z", false, false),
            ("2023-01-01", false, false),
            ("023-01-01T00:00:00Z", false, false),
            ("02023-01-01T00:00:00Z", false, false),
            ("+2023-01-01T00:00:00Z", false, false),
            ("2023-1-01T00:00:00Z", false, false),
            ("2023-01-01T00:00:00Z ", false, false),
            ("", false, false),
            ("２０２３-01-01T00:00:00Z", false, false),
        ] {
            assert_eq!(is_date_time(text, false), date_time, "{text} as dateTime");
            assert_eq!(is_date_time(text, true), stamp, "{text} as dateTimeStamp");
        }
    }
}
