//! Moments as results write them: RFC 3339 UTC timestamps, from milliseconds since the Unix
//! epoch (what browsers and the system clock give), and read back as instants to compare.

/// `millis` since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian calendar,
/// to the second).
pub fn rfc3339(millis: u64) -> String {
    let seconds = millis / 1_000;
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    // Days to civil date, after Howard Hinnant's `civil_from_days`.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

/// A moment as a document states it: its RFC 3339 text, kept as written, and the instant it
/// names (milliseconds since the Unix epoch), which is what is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    pub text: String,
    pub millis: i64,
}

impl Moment {
    /// The moment `text` states, if it is an RFC 3339 date and time ([`parse_rfc3339`]).
    pub fn parse(text: &str) -> Option<Moment> {
        Some(Moment {
            text: text.to_owned(),
            millis: parse_rfc3339(text)?,
        })
    }
}

/// The instant an RFC 3339 `date-time` names (`2026-11-20T10:00:00Z`,
/// `2026-11-20T11:00:00.250+01:00`), in milliseconds since the Unix epoch; none for any other
/// text. Documents state their moments in this form, and moments are compared as instants,
/// never as text (where `"~"` sorts after every date). `T` and `Z` may be lower case, as
/// RFC 3339 allows; a leap second (`:60`) counts as the last millisecond of its minute;
/// fractions beyond the millisecond are dropped.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = bytes.get(range)?;
        digits.iter().try_fold(0i64, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
    };
    let at = |i: usize, expected: &[u8]| bytes.get(i).is_some_and(|b| expected.contains(b));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let in_month = u32::try_from(year)
        .ok()
        .and_then(|y| days_in_month(y, u32::try_from(month).ok()?))?;
    if day < 1 || day > i64::from(in_month) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &bytes[19..];
    let mut millis = 0;
    if let Some((b'.', fraction)) = rest.split_first() {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        for (i, d) in fraction[..count.min(3)].iter().enumerate() {
            millis += i64::from(d - b'0') * [100, 10, 1][i];
        }
        rest = &fraction[count..];
    }
    let offset_minutes = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
            };
            let (h, m) = (two(*h1, *h2)?, two(*m1, *m2)?);
            if h > 23 || m > 59 {
                return None;
            }
            if *sign == b'+' {
                h * 60 + m
            } else {
                -(h * 60 + m)
            }
        }
        _ => return None,
    };
    let (second, millis) = if second == 60 {
        (59, 999)
    } else {
        (second, millis)
    };
    // Days from civil date, after Howard Hinnant's `days_from_civil`.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1_000 + millis)
}

/// The number of days of `month` (1 to 12) in `year` (proleptic Gregorian calendar); none
/// for a month that does not exist.
pub fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_dates() {
        for (seconds, expected) in [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_795_000_000, "2026-11-18T11:06:40Z"),
            (4_107_542_399, "2100-02-28T23:59:59Z"),
        ] {
            assert_eq!(super::rfc3339(seconds * 1_000 + 999), expected);
            assert_eq!(super::parse_rfc3339(expected), Some(seconds as i64 * 1_000));
        }
    }

    #[test]
    fn rfc3339_moments_are_read_as_instants() {
        let utc = super::parse_rfc3339("2026-11-20T10:00:00Z").unwrap();
        for (text, expected) in [
            ("2026-11-20T11:00:00+01:00", Some(utc)),
            ("2026-11-20T09:30:00-00:30", Some(utc)),
            ("2026-11-20t10:00:00z", Some(utc)),
            ("2026-11-20T10:00:00.250Z", Some(utc + 250)),
            ("2026-11-20T10:00:00.9999Z", Some(utc + 999)),
            ("2026-11-20T10:00:60Z", Some(utc + 59_999)),
            ("1969-12-31T23:59:59Z", Some(-1_000)),
            ("0000-03-01T00:00:00Z", Some(-62_162_035_200_000)),
            ("2024-02-29T00:00:00Z", Some(1_709_164_800_000)),
        ] {
            assert_eq!(super::parse_rfc3339(text), expected, "{text}");
        }
        for text in [
            "~ not a date",
            "",
            "2026-11-20",
            "2026-11-20T10:00:00",
            "2026-11-20 10:00:00Z",
            "2026-11-20T10:00:00.Z",
            "2026-02-29T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-11-31T10:00:00Z",
            "2026-11-20T24:00:00Z",
            "2026-11-20T10:60:00Z",
            "2026-11-20T10:00:61Z",
            "2026-11-20T10:00:00+24:00",
            "2026-11-20T10:00:00+0100",
            "2026-11-20T10:00:00Z ",
            "+2026-11-20T10:00:00Z",
            "２０２６-11-20T10:00:00Z",
            "2026-11-20T10:00:00.5éZ",
        ] {
            assert_eq!(super::parse_rfc3339(text), None, "{text}");
        }
    }
}
