"""PyInstaller runtime hook of the frozen app: pause the cyclic garbage collector from the very
start. PySide6's own runtime hook imports Qt before svdesk's code runs, and the collector would
only walk the objects that import creates (~2 ms of a start, none of it garbage).
`svdesk.cli.main` turns it back on for every command; the GUI pauses it again until its first
screen is painted (`svdesk.cli.gui_cmds.launch_gui`), as an unfrozen start does.
"""

import gc

gc.disable()
