//! Mutations of real documents for the property tests: any JSON value, every place in a
//! document, and access to a place.
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::Value;

/// Any JSON value, a few levels deep, with strings that include ids, tags and hostile text.
pub fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop_oneof![
            "[a-z]{1,8}",
            "(fr|en|pt-BR|x|)",
            "<script>alert\\(1\\)</script>",
            ".{0,40}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z$]{1,12}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every place (as a list of keys and indices) in a JSON value.
pub fn places(value: &Value, here: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let mut path = here.clone();
                path.push(Value::from(k.as_str()));
                places(v, path, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let mut path = here.clone();
                path.push(Value::from(i));
                places(v, path, out);
            }
        }
        _ => {}
    }
    out.push(here);
}

pub fn at<'v>(value: &'v mut Value, path: &[Value]) -> &'v mut Value {
    path.iter().fold(value, |v, step| match step {
        Value::String(k) => &mut v[k.as_str()],
        Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

pub fn get<'v>(value: &'v Value, path: &[Value]) -> &'v Value {
    path.iter().fold(value, |v, step| match step {
        Value::String(k) => &v[k.as_str()],
        Value::Number(i) => &v[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}
