// Geometry shared by the list header, the rows and the skeleton so the panes stay aligned.
export const ROW_HEIGHT = 28;
export const INDENT_PX = 14;
export const TREE_PAD_PX = 6;
/** Tree | waterfall | cost. `--tree-w` is set by the splitter. */
export const GRID_COLUMNS = "var(--tree-w, 38%) minmax(0, 1fr) 5.5rem";
