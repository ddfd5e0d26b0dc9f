//! SMART checks of goals (being written).
