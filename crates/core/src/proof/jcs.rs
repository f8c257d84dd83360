//! RFC 8785, the JSON Canonicalization Scheme (JCS), through `serde_json_canonicalizer`.

use serde_json::{Map, Value};

use super::ProofError;

/// Deepest nesting of arrays and objects [`canonicalize`] accepts: as deep as `serde_json`
/// parses, so that a value built in code cannot exhaust the stack either.
pub const MAX_DEPTH: usize = 128;

/// `value` in RFC 8785 canonical form, as UTF-8 bytes: no whitespace, object members sorted
/// by the UTF-16 code units of their names, strings escaped as ECMAScript's `JSON.stringify`
/// does, numbers written as ECMAScript writes doubles (`1e+30`, `4.5`, `0.002`).
///
/// # Errors
/// [`ProofError::Canonicalization`] when `value` is nested deeper than [`MAX_DEPTH`], or holds
/// an integer that is not exactly an IEEE-754 double (such as 2^53 + 1): RFC 8785 section 3.1
/// requires I-JSON numbers, and rounding one would let the signed document say another number
/// than the one the signature covers.
pub fn canonicalize(value: &Value) -> Result<Vec<u8>, ProofError> {
    check(vec![(value, 1)])?;
    serde_json_canonicalizer::to_vec(value)
        .map_err(|error| ProofError::Canonicalization(error.to_string()))
}

/// [`canonicalize`] of the object whose members are `members`, without building it.
pub(crate) fn canonicalize_object(members: &Map<String, Value>) -> Result<Vec<u8>, ProofError> {
    check(members.values().map(|member| (member, 2)).collect())?;
    serde_json_canonicalizer::to_vec(members)
        .map_err(|error| ProofError::Canonicalization(error.to_string()))
}

/// Checks depth and numbers without recursion, from `pending` values at their depths.
fn check(mut pending: Vec<(&Value, usize)>) -> Result<(), ProofError> {
    while let Some((value, depth)) = pending.pop() {
        match value {
            Value::Array(items) => {
                within_depth(depth)?;
                pending.extend(items.iter().map(|item| (item, depth + 1)));
            }
            Value::Object(members) => {
                within_depth(depth)?;
                pending.extend(members.values().map(|member| (member, depth + 1)));
            }
            Value::Number(number) => {
                let exact = if let Some(n) = number.as_u64() {
                    n as f64 as u128 == u128::from(n)
                } else if let Some(n) = number.as_i64() {
                    n as f64 as i128 == i128::from(n)
                } else {
                    number.as_f64().is_some_and(f64::is_finite)
                };
                if !exact {
                    return Err(ProofError::Canonicalization(format!(
                        "the number {number} is not an IEEE-754 double"
                    )));
                }
            }
            Value::Null | Value::Bool(_) | Value::String(_) => {}
        }
    }
    Ok(())
}

fn within_depth(depth: usize) -> Result<(), ProofError> {
    if depth > MAX_DEPTH {
        return Err(ProofError::Canonicalization(format!(
            "arrays and objects nested deeper than {MAX_DEPTH} levels"
        )));
    }
    Ok(())
}
