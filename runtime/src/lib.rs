//! Runtime for rfcodec codecs.
#![no_std]
