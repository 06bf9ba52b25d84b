"""Passphrases to measure the policy on (issue 13, item 5), written for it by hand: 200 in the
shapes of leaked passwords (not copied from the bundled list, and in other styles than
test_weak_passphrases.WEAK), and 100 that a careful supporter might choose."""

from __future__ import annotations

KEYBOARD_WALKS = [
    "qwerty123", "asdfghjkl", "zxcvbnm1", "1qaz2wsx", "qazwsxedc", "1q2w3e4r5t", "!QAZ2wsx",
    "zaq12wsx", "qwertyuiop123", "asdf1234", "poiuytrewq", "mnbvcxz1", "0987654321",
    "qweasdzxc", "1qazxsw2", "qwer1234", "wasd1234", "asdfjkl;", "qwertz123", "azerty123",
    "147258369", "741852963", "159357456", "123qweasd", "q1w2e3r4", "1234qwer", "zxcv1234",
    "qwe123qwe", "asdzxc123", "!@#$%^&*", "1q2w3e4r", "qwerty!@#", "Qwerty123!",
    "qwertyuiop[]", "2wsx3edc", "3edc4rfv", "1a2s3d4f", "a1s2d3f4", "qawsedrf", "plokijuh",
]  # fmt: skip

NAMES_AND_YEARS = [
    "michael1985", "Jessica1990", "ashley2001", "Daniel1979!", "jennifer87", "robert1965",
    "Matthew2010", "amanda1992", "joshua2005", "Sarah1988", "david1975", "Emily2012",
    "chris1983", "Nicole1991!", "anthony1969", "Melissa1986", "kevin2000", "laura1999",
    "Brandon2003", "rachel1984", "thomas1960", "Stephanie89", "jason1977", "heather1982",
    "Justin1995", "megan2002", "andrew1974", "Samantha93", "ryan2008", "lauren1997",
    "John1956!", "mary1950", "James2020", "linda1962", "William1981", "patricia70",
    "Richard1959", "susan1968", "Charles1945", "karen1971",
]  # fmt: skip

LEETSPEAK = [
    "p@ssw0rd1", "P@$$w0rd", "l3tm31n!", "5unsh1ne", "dr@g0n12", "m0nk3y12", "tr0ub4dor",
    "sh@d0w99", "f00tb@ll", "b@seb@ll", "pr1nc3ss", "w3lc0m3!", "s3cur1ty", "@dm1n123",
    "h3ll0w0rld", "m@st3r12", "l0v3y0u!", "1l0v3y0u", "ch@rl13!", "summ3r2024", "w1nt3r!!",
    "4ut0m0b1l3", "b4sk3tb4ll", "j0rd4n23", "sup3rm@n", "b@tm@n123", "sp1d3rm@n", "p4ssw0rd!",
    "h4ck3r01", "n1nj4n1nj4", "c0mput3r", "3ng1n33r", "d0ct0r123", "n0t3b00k", "fr33d0m!",
    "fl0w3r55", "g4ng5t3r", "t1gg3r12", "c00k13s!", "m1ck3ym0us3",
]  # fmt: skip

WORDS_AND_DIGITS = [
    "sunshine1", "football12", "baseball99", "dragon2023", "monkey2024", "shadow123",
    "master2000", "letmein22", "welcome123", "princess1", "starwars77", "hello2024",
    "freedom01", "whatever1", "trustno1!", "cheese123", "chocolate7", "butterfly9",
    "computer11", "internet2", "summer2023", "winter2022", "spring2024", "autumn1999",
    "hospital1", "nurse2024", "doctor123", "pizza1234", "coffee2023", "flower22", "purple99",
    "orange123", "banana22", "chelsea1905", "liverpool1", "arsenal12", "yankees27",
    "cowboys22", "hockey123", "soccer2010",
]  # fmt: skip

REPEATS = [
    "aaaaaaaa", "11111111", "00000000", "zzzzzzzz", "abcabcabc", "12121212", "abababab",
    "xxxxxxxx", "99999999", "qqqqqqqq", "123123123", "112233445566", "aabbccdd", "abcdabcd",
    "1212abab", "hahahaha", "lolololol", "blahblah", "byebyebye", "!!!!!!!!", "........",
    "passpass", "testtest", "7777777777", "88888888", "1234512345", "010101010", "12341234",
    "zxzxzxzx", "asasasas", "696969696", "4444aaaa", "ooooooooo", "xoxoxoxo", "nonononono",
    "yesyesyes", "abc123abc123", "1a1a1a1a", "55555555", "22222222",
]  # fmt: skip

LEAKED_SHAPES = {
    "keyboard walks": KEYBOARD_WALKS,
    "names with years": NAMES_AND_YEARS,
    "leetspeak": LEETSPEAK,
    "dictionary words with digits": WORDS_AND_DIGITS,
    "repeated characters": REPEATS,
}

REASONABLE = [
    # four everyday words, as the advice says
    "copper lantern river moss", "gentle orbit basket cedar", "pickle harbor tundra glass",
    "window salmon thunder pencil", "rusty bicycle ocean mint", "velvet carrot meadow bolt",
    "silent giraffe paper storm", "orange kettle mountain fern", "brave teacup winter lime",
    "hollow piano garden frost", "crimson ladder bread owl", "quiet engine maple stone",
    "yellow tunnel rabbit cloud", "frozen violin desert plum", "narrow castle honey wind",
    "purple anchor forest soap", "tiny rocket blanket pear", "wooden spoon comet lake",
    "bitter lemon tower snow", "golden pillow canyon fox", "marble wagon sunset ink",
    "plastic dragon valley tea", "sleepy walrus cabin rain", "cotton hammer island moon",
    "silver tulip bucket hawk", "dusty mirror harvest cod", "lucky badger feather jam",
    "noisy parrot glacier nut", "spicy noodle bridge kite", "humble turtle chimney oak",
    # with other separators or capitals
    "Ferry-Walnut-Pepper-Lamp", "ribbon.cactus.timber.gull", "Apricot_Hinge_Saddle_Moth",
    "drum/pebble/oyster/cliff", "Lobster Tulip Candle Hedge", "falcon+dune+button+grape",
    "Sparrow-Quilt-Ember-Nickel", "basil_radar_canoe_fig", "Turnip Glove Harbour Mole",
    "mango-violet-tractor-sock", "Bramble.Kettle.Vapour.Dove", "cider_lattice_heron_bolt",
    "Pumpkin Socket Raven Cliff", "zebra/pocket/mosaic/rye", "Willow-Anvil-Sesame-Crab",
    # sentences only the supporter would write
    "my cat naps on the blue sofa", "the night bus smells of oranges",
    "grandma grows tomatoes in boots", "I walk the dog before the late shift",
    "coffee tastes better on ward seven", "our kettle whistles like a train",
    "rain on the roof sounds like applause", "the lift always stops on floor three",
    "my bike has one squeaky pedal", "pancakes on sunday with my nephew",
    "the radio in the staff room hums", "never trust a seagull with chips",
    "my garden gnome wears a scarf", "the car park gate sticks in winter",
    "snow fell on the hospital chapel", "tea with two sugars and a biscuit",
    "the clock in room nine runs fast", "my sister hates purple jellybeans",
    "owls nest above the night canteen", "I lost my umbrella at the bus stop",
    # three or four words with a number or a symbol in them
    "walnut meadow 47 kite", "harbour 1923 pepper mole", "lantern quilt 8 raven socket",
    "cedar & plum & fox & bell", "73 violins under the bridge", "frost-cabin-2-lemon-gull",
    "tuba 9 pickles sunrise", "oyster 512 meadow lamp", "ember kettle 36 badger",
    "pine! moss! dune! wren!", "Gravel 88 Tulip Hedge", "seven ducks 4 umbrellas",
    "parsnip 61 kettle ghost", "cobalt 19 mitten thistle", "wagon 305 lemon heron",
    # mixed, as people really type them
    "BlueHeronsFishAtDawn", "ThreeOrangeBicyclesWait", "PaperBoatsSailOnTuesday",
    "quietly folding maps at noon", "green socks for the night shift",
    "Marmalade Umbrella Tango", "the printer jams on purpose", "velvet moth circles the lamp",
    "sixteen pigeons on the roof", "lighthouse keeper eats porridge",
    "stapler hiding under the desk", "mustard yellow ambulance dream",
    "carrot cake for the team", "hedgehog crossing the car park",
    "Cocoa Lantern Orbit Fennel", "Nine tall cranes lift the sky",
    "ladybird on my stethoscope", "the ward plant needs water",
    "Oboe Radish Glacier Twine", "purple wellies in the rain",
]  # fmt: skip

assert sum(len(v) for v in LEAKED_SHAPES.values()) == 200
assert len(REASONABLE) == 100
assert len(set(REASONABLE)) == 100
