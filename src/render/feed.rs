//! A page's variables as bytes for the build cache's key: each value as it
//! is (strings with their length, numbers in binary), without the escaping
//! and number formatting of JSON (serialising for the key now takes half the
//! time it took as JSON). Two values give the same bytes only if they are
//! equal, and the bytes are the same on every run; they are never read back.
//! (Hashing the variables as Tera holds them, to serialise them only once,
//! cost more: its maps must be walked in no fixed order.)

use serde::ser::{self, Serialize};
use std::io::Write;

/// Feeds `value` to `out` (a hasher) as [`Feed`] writes it, in one write.
pub(super) fn feed(value: &impl Serialize, out: &mut impl Write) -> std::io::Result<()> {
    let mut bytes = Vec::with_capacity(16 * 1024);
    value.serialize(Feed { out: &mut bytes }).map_err(|Failed(message)| std::io::Error::other(message))?;
    out.write_all(&bytes)
}

/// The serializer: every value opens with a tag byte naming its kind, and a
/// list or map ends with one, so the bytes of one value never read as those
/// of another. A struct's fields come in their order, a skipped one marked.
struct Feed<'a> {
    out: &'a mut Vec<u8>,
}

mod tag {
    pub(super) const FALSE: u8 = b'f';
    pub(super) const TRUE: u8 = b't';
    pub(super) const INT: u8 = b'i';
    pub(super) const U128: u8 = b'I';
    pub(super) const FLOAT: u8 = b'd';
    pub(super) const TEXT: u8 = b's';
    pub(super) const BYTES: u8 = b'y';
    pub(super) const NONE: u8 = b'n';
    pub(super) const SOME: u8 = b'S';
    pub(super) const UNIT: u8 = b'u';
    pub(super) const VARIANT: u8 = b'v';
    pub(super) const LIST: u8 = b'[';
    pub(super) const MAP: u8 = b'{';
    pub(super) const SKIPPED: u8 = b'-';
    pub(super) const END: u8 = b']';
}

/// A value that refused to be serialized (as its `Serialize` said).
#[derive(Debug)]
struct Failed(String);

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failed {}

impl ser::Error for Failed {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Failed(message.to_string())
    }
}

type Done = Result<(), Failed>;

impl Feed<'_> {
    fn put(&mut self, tag: u8, bytes: &[u8]) {
        self.out.push(tag);
        self.out.extend_from_slice(bytes);
    }

    /// A run of bytes with its length first.
    fn sized(&mut self, tag: u8, bytes: &[u8]) {
        self.put(tag, &(bytes.len() as u64).to_le_bytes());
        self.out.extend_from_slice(bytes);
    }

    fn int(&mut self, n: i128) {
        self.put(tag::INT, &n.to_le_bytes());
    }

    fn variant(&mut self, index: u32) {
        self.put(tag::VARIANT, &index.to_le_bytes());
    }

    fn again(&mut self) -> Feed<'_> {
        Feed { out: &mut *self.out }
    }
}

impl ser::Serializer for Feed<'_> {
    type Ok = ();
    type Error = Failed;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(mut self, v: bool) -> Done {
        self.put(if v { tag::TRUE } else { tag::FALSE }, &[]);
        Ok(())
    }
    fn serialize_i8(mut self, v: i8) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i16(mut self, v: i16) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i32(mut self, v: i32) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i64(mut self, v: i64) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i128(mut self, v: i128) -> Done {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(mut self, v: u8) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u16(mut self, v: u16) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u32(mut self, v: u32) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u64(mut self, v: u64) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u128(mut self, v: u128) -> Done {
        self.put(tag::U128, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(mut self, v: f32) -> Done {
        self.put(tag::FLOAT, &f64::from(v).to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_f64(mut self, v: f64) -> Done {
        self.put(tag::FLOAT, &v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(mut self, v: char) -> Done {
        self.sized(tag::TEXT, v.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }
    fn serialize_str(mut self, v: &str) -> Done {
        self.sized(tag::TEXT, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Done {
        self.sized(tag::BYTES, v);
        Ok(())
    }
    fn serialize_none(mut self) -> Done {
        self.put(tag::NONE, &[]);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(mut self, value: &T) -> Done {
        self.put(tag::SOME, &[]);
        value.serialize(self)
    }
    fn serialize_unit(mut self) -> Done {
        self.put(tag::UNIT, &[]);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(mut self, _name: &'static str, index: u32, _variant: &'static str) -> Done {
        self.variant(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        mut self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Done {
        self.variant(index);
        value.serialize(self)
    }
    fn serialize_seq(mut self, _len: Option<usize>) -> Result<Self, Failed> {
        self.put(tag::LIST, &[]);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Failed> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Failed> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        mut self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Self, Failed> {
        self.variant(index);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(mut self, _len: Option<usize>) -> Result<Self, Failed> {
        self.put(tag::MAP, &[]);
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self, Failed> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        mut self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Self, Failed> {
        self.variant(index);
        self.serialize_map(Some(len))
    }
}

impl ser::SerializeSeq for Feed<'_> {
    type Ok = ();
    type Error = Failed;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
        value.serialize(self.again())
    }
    fn end(mut self) -> Done {
        self.put(tag::END, &[]);
        Ok(())
    }
}

impl ser::SerializeTuple for Feed<'_> {
    type Ok = ();
    type Error = Failed;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
        value.serialize(self.again())
    }
    fn end(mut self) -> Done {
        self.put(tag::END, &[]);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Feed<'_> {
    type Ok = ();
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
        value.serialize(self.again())
    }
    fn end(mut self) -> Done {
        self.put(tag::END, &[]);
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Feed<'_> {
    type Ok = ();
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
        value.serialize(self.again())
    }
    fn end(mut self) -> Done {
        self.put(tag::END, &[]);
        Ok(())
    }
}

impl ser::SerializeMap for Feed<'_> {
    type Ok = ();
    type Error = Failed;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Done {
        key.serialize(self.again())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
        value.serialize(self.again())
    }
    fn end(mut self) -> Done {
        self.put(tag::END, &[]);
        Ok(())
    }
}

impl ser::SerializeStruct for Feed<'_> {
    type Ok = ();
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, _key: &'static str, value: &T) -> Done {
        value.serialize(self.again())
    }
    fn skip_field(&mut self, _key: &'static str) -> Done {
        self.put(tag::SKIPPED, &[]);
        Ok(())
    }
    fn end(mut self) -> Done {
        self.put(tag::END, &[]);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Feed<'_> {
    type Ok = ();
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, _key: &'static str, value: &T) -> Done {
        value.serialize(self.again())
    }
    fn skip_field(&mut self, _key: &'static str) -> Done {
        self.put(tag::SKIPPED, &[]);
        Ok(())
    }
    fn end(mut self) -> Done {
        self.put(tag::END, &[]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize, Clone)]
    struct Row {
        no: usize,
        zh: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        en: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        flags: Vec<&'static str>,
        #[serde(flatten)]
        more: BTreeMap<String, f64>,
    }

    fn bytes(value: &impl Serialize) -> Vec<u8> {
        let mut out = Vec::new();
        feed(value, &mut out).unwrap();
        out
    }

    #[test]
    fn equal_values_give_equal_bytes_and_any_change_other_bytes() {
        let row = Row {
            no: 3,
            zh: "第三段".into(),
            en: Some("Third".into()),
            note: None,
            flags: vec!["a", "b"],
            more: BTreeMap::from([("x".into(), 1.5)]),
        };
        assert_eq!(bytes(&row), bytes(&row.clone()));
        let changed = [
            Row { no: 4, ..row.clone() },
            Row { zh: "第三段。".into(), ..row.clone() },
            Row { en: None, ..row.clone() },
            Row { en: Some(String::new()), ..row.clone() },
            // The same text under the next field's name.
            Row { en: None, note: Some("Third".into()), ..row.clone() },
            Row { flags: vec!["b", "a"], ..row.clone() },
            Row { flags: vec!["ab"], ..row.clone() },
            Row { flags: vec![], ..row.clone() },
            Row { more: BTreeMap::from([("x".into(), 2.5)]), ..row.clone() },
            Row { more: BTreeMap::new(), ..row.clone() },
        ];
        let mut all: Vec<Vec<u8>> = changed.iter().map(bytes).collect();
        all.push(bytes(&row));
        all.push(bytes(&("3", 3, 3.0, '3', true, ())));
        all.push(bytes(&(3, "3")));
        let distinct: std::collections::BTreeSet<&Vec<u8>> = all.iter().collect();
        assert_eq!(distinct.len(), all.len());
    }

    #[test]
    fn a_string_cannot_pass_for_the_values_after_it() {
        // "a" followed by "b" against one string holding what those bytes would be.
        let two = bytes(&("a", "b"));
        let one = bytes(&(String::from_utf8_lossy(&two[1..]).into_owned(),));
        assert_ne!(two, one);
        assert_ne!(bytes(&vec!["a", "b"]), bytes(&vec!["ab"]));
    }
}
